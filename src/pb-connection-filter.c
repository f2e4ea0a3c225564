/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-connection-filter"

#include "config.h"

#include <string.h>

#include "pb-connection.h"
#include "pb-connection-filter.h"
#include "pb-format.h"
#include "pb-search.h"

struct _PbConnectionFilter
{
  GtkFilter  parent_instance;

  char      *search;
  char      *search_key;     /* folded, NULL when there is no search */
  char      *system_type;
  char      *auth_type;
  char      *request_type;
  gboolean   show_archived;

  /* Whether the search finds the words people read for a known type ("Data system",
   * "OAuth 2.0"), worked out once per search; other types are searched as they came. */
  gboolean   system_words_match[PB_SYSTEM_KIND_DESTINATION + 1];
  gboolean   auth_words_match[PB_AUTH_KIND_OAUTH + 1];
};

G_DEFINE_FINAL_TYPE (PbConnectionFilter, pb_connection_filter, GTK_TYPE_FILTER)

enum {
  PROP_0,
  PROP_SEARCH,
  PROP_SEARCH_KEY,
  PROP_SYSTEM_TYPE,
  PROP_AUTH_TYPE,
  PROP_REQUEST_TYPE,
  PROP_SHOW_ARCHIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
kind_differs (const char *wanted,
              const char *value)
{
  return wanted != NULL && g_ascii_strcasecmp (wanted, value ?: "") != 0;
}

/* Whether a connection is of the kinds chosen and matches the search, archived or not. */
static gboolean
pb_connection_filter_match_search_and_kinds (PbConnectionFilter *self,
                                             PbConnection       *connection)
{
  if (kind_differs (self->system_type, pb_connection_get_system_type (connection)) ||
      kind_differs (self->auth_type, pb_connection_get_auth_type (connection)) ||
      kind_differs (self->request_type, pb_connection_get_request_type (connection)))
    return FALSE;

  if (self->search_key == NULL)
    return TRUE;

  return pb_search_match_connection (connection, self->search_key) ||
         self->system_words_match[pb_connection_get_system_kind (connection)] ||
         self->auth_words_match[pb_connection_get_auth_kind (connection)];
}

static gboolean
pb_connection_filter_match (GtkFilter *filter,
                            gpointer   item)
{
  PbConnectionFilter *self = PB_CONNECTION_FILTER (filter);
  PbConnection *connection = item;

  if (pb_connection_get_archived (connection) && !self->show_archived)
    return FALSE;

  return pb_connection_filter_match_search_and_kinds (self, connection);
}

static GtkFilterMatch
pb_connection_filter_get_strictness (GtkFilter *filter)
{
  PbConnectionFilter *self = PB_CONNECTION_FILTER (filter);

  if (self->show_archived && self->search_key == NULL && !pb_connection_filter_get_has_kinds (self))
    return GTK_FILTER_MATCH_ALL;

  return GTK_FILTER_MATCH_SOME;
}

static void
pb_connection_filter_match_type_words (PbConnectionFilter *self)
{
  static const struct {
    const char *code;
    guint       kind;
    gboolean    system;
  } known[] = {
    { "DATA_SYSTEM", PB_SYSTEM_KIND_DATA_SYSTEM, TRUE },
    { "DESTINATION", PB_SYSTEM_KIND_DESTINATION, TRUE },
    { "NONE", PB_AUTH_KIND_NONE, FALSE },
    { "OAUTH", PB_AUTH_KIND_OAUTH, FALSE },
  };

  memset (self->system_words_match, 0, sizeof self->system_words_match);
  memset (self->auth_words_match, 0, sizeof self->auth_words_match);

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      const char *words = known[i].system ? pb_format_system_type (known[i].code)
                                          : pb_format_auth_type (known[i].code);
      g_autofree char *folded = pb_search_fold (words);
      gboolean match = self->search_key != NULL && strstr (folded, self->search_key) != NULL;

      if (known[i].system)
        self->system_words_match[known[i].kind] = match;
      else
        self->auth_words_match[known[i].kind] = match;
    }
}

const char *
pb_connection_filter_get_search (PbConnectionFilter *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_FILTER (self), NULL);

  return self->search;
}

const char *
pb_connection_filter_get_search_key (PbConnectionFilter *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_FILTER (self), NULL);

  return self->search_key;
}

void
pb_connection_filter_set_search (PbConnectionFilter *self,
                                 const char         *search)
{
  g_autofree char *folded = NULL;
  GtkFilterChange change;

  g_return_if_fail (PB_IS_CONNECTION_FILTER (self));

  if (g_strcmp0 (search, self->search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (search);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);

  folded = pb_search_fold (search ?: "");
  if (*folded == '\0')
    g_clear_pointer (&folded, g_free);

  if (g_strcmp0 (folded, self->search_key) == 0)
    return;

  /* Typing on narrows what is shown: the filter only looks at what it showed. */
  if (self->search_key == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (folded == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (strstr (folded, self->search_key) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (self->search_key, folded) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  g_free (self->search_key);
  self->search_key = g_steal_pointer (&folded);
  pb_connection_filter_match_type_words (self);
  gtk_filter_changed (GTK_FILTER (self), change);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_KEY]);
}

static void
pb_connection_filter_set_kind (PbConnectionFilter *self,
                               char              **field,
                               const char         *kind,
                               guint               prop_id)
{
  GtkFilterChange change;

  if (g_strcmp0 (*field, kind) == 0)
    return;

  if (*field == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (kind == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  g_free (*field);
  *field = g_strdup (kind);
  gtk_filter_changed (GTK_FILTER (self), change);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

const char *
pb_connection_filter_get_system_type (PbConnectionFilter *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_FILTER (self), NULL);

  return self->system_type;
}

void
pb_connection_filter_set_system_type (PbConnectionFilter *self,
                                      const char         *system_type)
{
  g_return_if_fail (PB_IS_CONNECTION_FILTER (self));

  pb_connection_filter_set_kind (self, &self->system_type, system_type, PROP_SYSTEM_TYPE);
}

const char *
pb_connection_filter_get_auth_type (PbConnectionFilter *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_FILTER (self), NULL);

  return self->auth_type;
}

void
pb_connection_filter_set_auth_type (PbConnectionFilter *self,
                                    const char         *auth_type)
{
  g_return_if_fail (PB_IS_CONNECTION_FILTER (self));

  pb_connection_filter_set_kind (self, &self->auth_type, auth_type, PROP_AUTH_TYPE);
}

const char *
pb_connection_filter_get_request_type (PbConnectionFilter *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_FILTER (self), NULL);

  return self->request_type;
}

void
pb_connection_filter_set_request_type (PbConnectionFilter *self,
                                       const char         *request_type)
{
  g_return_if_fail (PB_IS_CONNECTION_FILTER (self));

  pb_connection_filter_set_kind (self, &self->request_type, request_type, PROP_REQUEST_TYPE);
}

gboolean
pb_connection_filter_get_has_kinds (PbConnectionFilter *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_FILTER (self), FALSE);

  return self->system_type != NULL || self->auth_type != NULL || self->request_type != NULL;
}

gboolean
pb_connection_filter_get_show_archived (PbConnectionFilter *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_FILTER (self), FALSE);

  return self->show_archived;
}

void
pb_connection_filter_set_show_archived (PbConnectionFilter *self,
                                        gboolean            show_archived)
{
  g_return_if_fail (PB_IS_CONNECTION_FILTER (self));

  show_archived = !!show_archived;
  if (self->show_archived == show_archived)
    return;

  self->show_archived = show_archived;
  gtk_filter_changed (GTK_FILTER (self), show_archived ? GTK_FILTER_CHANGE_LESS_STRICT
                                                       : GTK_FILTER_CHANGE_MORE_STRICT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ARCHIVED]);
}

guint
pb_connection_filter_count_hidden_archived (PbConnectionFilter *self,
                                            GListModel         *connections)
{
  guint n = 0;

  g_return_val_if_fail (PB_IS_CONNECTION_FILTER (self), 0);
  g_return_val_if_fail (G_IS_LIST_MODEL (connections), 0);

  if (self->show_archived)
    return 0;

  for (guint i = 0; i < g_list_model_get_n_items (connections); i++)
    {
      g_autoptr(PbConnection) connection = g_list_model_get_item (connections, i);

      if (pb_connection_get_archived (connection) &&
          pb_connection_filter_match_search_and_kinds (self, connection))
        n++;
    }

  return n;
}

PbConnectionFilter *
pb_connection_filter_new (void)
{
  return g_object_new (PB_TYPE_CONNECTION_FILTER, NULL);
}

static void
pb_connection_filter_finalize (GObject *object)
{
  PbConnectionFilter *self = (PbConnectionFilter *)object;

  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->search_key, g_free);
  g_clear_pointer (&self->system_type, g_free);
  g_clear_pointer (&self->auth_type, g_free);
  g_clear_pointer (&self->request_type, g_free);

  G_OBJECT_CLASS (pb_connection_filter_parent_class)->finalize (object);
}

static void
pb_connection_filter_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PbConnectionFilter *self = PB_CONNECTION_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    case PROP_SEARCH_KEY:
      g_value_set_string (value, self->search_key);
      break;

    case PROP_SYSTEM_TYPE:
      g_value_set_string (value, self->system_type);
      break;

    case PROP_AUTH_TYPE:
      g_value_set_string (value, self->auth_type);
      break;

    case PROP_REQUEST_TYPE:
      g_value_set_string (value, self->request_type);
      break;

    case PROP_SHOW_ARCHIVED:
      g_value_set_boolean (value, self->show_archived);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_connection_filter_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PbConnectionFilter *self = PB_CONNECTION_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      pb_connection_filter_set_search (self, g_value_get_string (value));
      break;

    case PROP_SYSTEM_TYPE:
      pb_connection_filter_set_system_type (self, g_value_get_string (value));
      break;

    case PROP_AUTH_TYPE:
      pb_connection_filter_set_auth_type (self, g_value_get_string (value));
      break;

    case PROP_REQUEST_TYPE:
      pb_connection_filter_set_request_type (self, g_value_get_string (value));
      break;

    case PROP_SHOW_ARCHIVED:
      pb_connection_filter_set_show_archived (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_connection_filter_class_init (PbConnectionFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);

  object_class->finalize = pb_connection_filter_finalize;
  object_class->get_property = pb_connection_filter_get_property;
  object_class->set_property = pb_connection_filter_set_property;

  filter_class->match = pb_connection_filter_match;
  filter_class->get_strictness = pb_connection_filter_get_strictness;

  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SEARCH_KEY] =
    g_param_spec_string ("search-key", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SYSTEM_TYPE] =
    g_param_spec_string ("system-type", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_AUTH_TYPE] =
    g_param_spec_string ("auth-type", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_REQUEST_TYPE] =
    g_param_spec_string ("request-type", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHOW_ARCHIVED] =
    g_param_spec_boolean ("show-archived", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_connection_filter_init (PbConnectionFilter *self)
{
}
