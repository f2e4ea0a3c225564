/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-connection"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pb-connection-private.h"
#include "pb-search.h"

/*
 * The connection: the list fields as typed read-only properties, the object's JSON as received
 * (compact), and its tables, made from that text the first time someone asks for them.
 * pb-connection-reader.c makes connections from the API's JSON; all the strings of one live in
 * one block (`pool`, the JSON text first), the ones many connections of a list page have alike
 * in a block the page shares (`shared`).
 */

G_DEFINE_ENUM_TYPE (PbSystemKind, pb_system_kind,
                    G_DEFINE_ENUM_VALUE (PB_SYSTEM_KIND_OTHER, "other"),
                    G_DEFINE_ENUM_VALUE (PB_SYSTEM_KIND_DATA_SYSTEM, "data-system"),
                    G_DEFINE_ENUM_VALUE (PB_SYSTEM_KIND_DESTINATION, "destination"))

G_DEFINE_ENUM_TYPE (PbAuthKind, pb_auth_kind,
                    G_DEFINE_ENUM_VALUE (PB_AUTH_KIND_OTHER, "other"),
                    G_DEFINE_ENUM_VALUE (PB_AUTH_KIND_NONE, "none"),
                    G_DEFINE_ENUM_VALUE (PB_AUTH_KIND_OAUTH, "oauth"))

/* {{{ PbConnection */

G_DEFINE_FINAL_TYPE (PbConnection, pb_connection, G_TYPE_OBJECT)

enum {
  PROP_0,
  /* one per STR_, in the same order */
  PROP_JSON,
  PROP_REF,
  PROP_HREF,
  PROP_CLIENT_KEY,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_MODIFIED_BY_REF,
  PROP_MODIFIED_AT_TEXT,
  PROP_SYSTEM_TYPE,
  PROP_AUTH_TYPE,
  PROP_AUTH_CLIENT_ID,
  PROP_AUTH_ACCESS_TOKEN_URL,
  PROP_REQUEST_TYPE,
  PROP_CONNECTION_URL,
  PROP_REQUEST_BODY,
  PROP_EXAMPLE_VALUE,
  PROP_ICON,
  /* one per INT_, in the same order */
  PROP_REVISION,
  PROP_CONNECTION_TIMEOUT,
  PROP_SOCKET_TIMEOUT,
  /* one per MODEL_, in the same order */
  PROP_OAUTH_CUSTOM_HEADERS,
  PROP_FORM_URL_ENCODED_ITEMS,
  PROP_CUSTOM_HEADERS,
  PROP_URL_PARAMETERS,
  PROP_INPUT_MAPPINGS,
  PROP_OUTPUT_MAPPINGS,
  /* the rest */
  PROP_MODIFIED_AT,
  PROP_ARCHIVED,
  PROP_SYSTEM_KIND,
  PROP_AUTH_KIND,
  PROP_AUTH_USE_MUTUAL_TLS,
  N_PROPS
};

#define PROP_FIRST_STR   PROP_JSON
#define PROP_FIRST_INT   PROP_REVISION
#define PROP_FIRST_MODEL PROP_OAUTH_CUSTOM_HEADERS

static GParamSpec *properties[N_PROPS];

static GType
model_item_type (guint model)
{
  switch (model)
    {
    case MODEL_INPUT_MAPPINGS:
      return PB_TYPE_INPUT_MAPPING;
    case MODEL_OUTPUT_MAPPINGS:
      return PB_TYPE_OUTPUT_MAPPING;
    default:
      return PB_TYPE_NAME_VALUE;
    }
}

static inline const char *
get_str (PbConnection *self,
         guint         index)
{
  guint32 offset = self->str[index];

  if (offset == NO_STRING)
    return NULL;
  if (offset & SHARED_STRING)
    return self->shared + (offset & ~SHARED_STRING);
  return self->pool + offset;
}

/* Tables are made into objects only when someone asks for them: most connections of a long
 * list are never opened. */
static PbItemList *
ensure_model (PbConnection *self,
              guint         model)
{
  PbItemList **models = g_atomic_pointer_get (&self->models);
  PbItemList *list;

  if (models == NULL)
    {
      models = g_new0 (PbItemList *, N_MODELS);
      if (!g_atomic_pointer_compare_and_exchange (&self->models, NULL, models))
        {
          g_free (models);
          models = g_atomic_pointer_get (&self->models);
        }
    }

  list = g_atomic_pointer_get (&models[model]);
  if (list == NULL)
    {
      g_autoptr(GPtrArray) rows = _pb_connection_reader_read_table (self->pool, model);

      list = pb_item_list_new_take (model_item_type (model), rows);
      if (!g_atomic_pointer_compare_and_exchange (&models[model], NULL, list))
        {
          g_object_unref (list);
          list = g_atomic_pointer_get (&models[model]);
        }
    }

  return list;
}

static void
pb_connection_finalize (GObject *object)
{
  PbConnection *self = (PbConnection *)object;

  g_free (self->pool);
  g_clear_pointer (&self->shared, g_atomic_rc_box_release);
  g_clear_pointer (&self->modified_at, g_date_time_unref);
  g_strfreev (self->unreadable);
  g_free (self->keys);
  if (self->models != NULL)
    {
      for (guint i = 0; i < N_MODELS; i++)
        g_clear_object (&self->models[i]);
      g_free (self->models);
    }

  G_OBJECT_CLASS (pb_connection_parent_class)->finalize (object);
}

static void
pb_connection_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PbConnection *self = PB_CONNECTION (object);

  if (prop_id >= PROP_FIRST_STR && prop_id < PROP_FIRST_STR + N_STRS)
    {
      g_value_set_string (value, get_str (self, prop_id - PROP_FIRST_STR));
      return;
    }
  if (prop_id >= PROP_FIRST_INT && prop_id < PROP_FIRST_INT + N_INTS)
    {
      g_value_set_int64 (value, self->ints[prop_id - PROP_FIRST_INT]);
      return;
    }
  if (prop_id >= PROP_FIRST_MODEL && prop_id < PROP_FIRST_MODEL + N_MODELS)
    {
      g_value_set_object (value, ensure_model (self, prop_id - PROP_FIRST_MODEL));
      return;
    }

  switch (prop_id)
    {
    case PROP_MODIFIED_AT:
      g_value_set_boxed (value, self->modified_at);
      break;

    case PROP_ARCHIVED:
      g_value_set_boolean (value, self->archived);
      break;

    case PROP_SYSTEM_KIND:
      g_value_set_enum (value, self->system_kind);
      break;

    case PROP_AUTH_KIND:
      g_value_set_enum (value, self->auth_kind);
      break;

    case PROP_AUTH_USE_MUTUAL_TLS:
      g_value_set_boolean (value, self->use_mutual_tls);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_connection_class_init (PbConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  static const char * const str_names[N_STRS] = {
    "json", "ref", "href", "client-key", "name", "description", "modified-by-ref",
    "modified-at-text", "system-type", "auth-type", "auth-client-id", "auth-access-token-url",
    "request-type", "connection-url", "request-body", "example-value", "icon",
  };
  static const char * const int_names[N_INTS] = {
    "revision", "connection-timeout", "socket-timeout",
  };
  static const char * const model_names[N_MODELS] = {
    "oauth-custom-headers", "form-url-encoded-items", "custom-headers", "url-parameters",
    "input-mappings", "output-mappings",
  };

  object_class->finalize = pb_connection_finalize;
  object_class->get_property = pb_connection_get_property;

  for (guint i = 0; i < N_STRS; i++)
    properties[PROP_FIRST_STR + i] = g_param_spec_string (str_names[i], NULL, NULL, NULL, flags);
  for (guint i = 0; i < N_INTS; i++)
    properties[PROP_FIRST_INT + i] =
      g_param_spec_int64 (int_names[i], NULL, NULL, G_MININT64, G_MAXINT64, -1, flags);
  for (guint i = 0; i < N_MODELS; i++)
    properties[PROP_FIRST_MODEL + i] =
      g_param_spec_object (model_names[i], NULL, NULL, G_TYPE_LIST_MODEL, flags);

  properties[PROP_MODIFIED_AT] =
    g_param_spec_boxed ("modified-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL, FALSE, flags);
  properties[PROP_SYSTEM_KIND] =
    g_param_spec_enum ("system-kind", NULL, NULL,
                       PB_TYPE_SYSTEM_KIND, PB_SYSTEM_KIND_OTHER, flags);
  properties[PROP_AUTH_KIND] =
    g_param_spec_enum ("auth-kind", NULL, NULL,
                       PB_TYPE_AUTH_KIND, PB_AUTH_KIND_OTHER, flags);
  properties[PROP_AUTH_USE_MUTUAL_TLS] =
    g_param_spec_boolean ("auth-use-mutual-tls", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_connection_init (PbConnection *self)
{
  for (guint i = 0; i < N_STRS; i++)
    self->str[i] = NO_STRING;
  for (guint i = 0; i < N_INTS; i++)
    self->ints[i] = -1;
}

#define SORT_KEY_CHARS 200

char *
_pb_connection_make_keys (const char *name,
                          const char *description,
                          const char *ref,
                          const char *connection_url,
                          const char *system_type,
                          const char *auth_type,
                          guint32    *name_key)
{
  const char *parts[] = { name, description, ref, connection_url, system_type, auth_type };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *search = NULL;
  g_autofree char *folded_name = NULL;
  const char *name_end;
  glong n_chars;
  g_autofree char *collated = NULL;
  gsize search_len, collated_len;
  char *keys;

  /* A separator no needle folds to keeps matches inside one field. */
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL)
      {
        g_string_append (text, parts[i]);
        g_string_append_c (text, '\n');
      }
  search = pb_search_fold (text->str);
  /* Names alike in their first SORT_KEY_CHARS characters sort as equal: a key of a name of
   * millions of characters would take seconds to make. */
  name = name ?: "";
  n_chars = g_utf8_strlen (name, SORT_KEY_CHARS * 6);
  name_end = g_utf8_offset_to_pointer (name, MIN (n_chars, SORT_KEY_CHARS));
  folded_name = g_utf8_casefold (name, name_end - name);
  collated = g_utf8_collate_key (folded_name, -1);

  search_len = strlen (search);
  collated_len = strlen (collated);
  keys = g_malloc (search_len + 1 + collated_len + 1);
  memcpy (keys, search, search_len + 1);
  memcpy (keys + search_len + 1, collated, collated_len + 1);
  *name_key = search_len + 1;

  return keys;
}

/* Connections come from the reader, which makes the keys; this is for any other way. */
static void
ensure_keys (PbConnection *self)
{
  if G_LIKELY (self->keys != NULL)
    return;

  self->keys = _pb_connection_make_keys (get_str (self, STR_NAME),
                                         get_str (self, STR_DESCRIPTION),
                                         get_str (self, STR_REF),
                                         get_str (self, STR_CONNECTION_URL),
                                         get_str (self, STR_SYSTEM_TYPE),
                                         get_str (self, STR_AUTH_TYPE),
                                         &self->name_key);
}

const char *
pb_connection_get_search_text (PbConnection *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION (self), NULL);

  ensure_keys (self);
  return self->keys;
}

const char *
pb_connection_get_name_key (PbConnection *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION (self), NULL);

  ensure_keys (self);
  return self->keys + self->name_key;
}

/* Held for writing while pb_connection_update_from() replaces a connection's text and
 * values, for reading by a worker thread that reads connections of a list in use. */
static GRWLock update_lock;

void
pb_connection_read_lock (PbConnection *self)
{
  g_rw_lock_reader_lock (&update_lock);
}

void
pb_connection_read_unlock (PbConnection *self)
{
  g_rw_lock_reader_unlock (&update_lock);
}

void
pb_connection_update_from (PbConnection *self,
                           PbConnection *source)
{
  gboolean changed;

  g_return_if_fail (PB_IS_CONNECTION (self));
  g_return_if_fail (PB_IS_CONNECTION (source));

  /* Every value comes from the JSON text: the same text, the same values. */
  if (self == source || g_strcmp0 (get_str (self, STR_JSON), get_str (source, STR_JSON)) == 0)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  /* Notifications wait for the thaw: none runs while a reader on another thread waits. */
  g_rw_lock_writer_lock (&update_lock);

  for (guint i = 0; i < N_STRS; i++)
    if (g_strcmp0 (get_str (self, i), get_str (source, i)) != 0)
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_STR + i]);
  g_free (self->pool);
  self->pool = g_memdup2 (source->pool, source->pool_size);
  self->pool_size = source->pool_size;
  if (self->shared != source->shared)
    {
      g_clear_pointer (&self->shared, g_atomic_rc_box_release);
      if (source->shared != NULL)
        self->shared = g_atomic_rc_box_acquire (source->shared);
    }
  memcpy (self->str, source->str, sizeof self->str);
  g_strfreev (self->unreadable);
  self->unreadable = g_strdupv (source->unreadable);
  g_clear_pointer (&self->keys, g_free);
  if (source->keys != NULL)
    {
      const char *name_key = source->keys + source->name_key;

      self->keys = g_memdup2 (source->keys, source->name_key + strlen (name_key) + 1);
      self->name_key = source->name_key;
    }

  for (guint i = 0; i < N_INTS; i++)
    if (self->ints[i] != source->ints[i])
      {
        self->ints[i] = source->ints[i];
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_INT + i]);
      }

  if (self->modified_at == NULL || source->modified_at == NULL)
    changed = self->modified_at != source->modified_at;
  else
    changed = !g_date_time_equal (self->modified_at, source->modified_at);
  if (changed)
    {
      g_clear_pointer (&self->modified_at, g_date_time_unref);
      if (source->modified_at != NULL)
        self->modified_at = g_date_time_ref (source->modified_at);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED_AT]);
    }

#define UPDATE_FIELD(field, prop)                                         \
  if (self->field != source->field)                                       \
    {                                                                     \
      self->field = source->field;                                        \
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);       \
    }

  UPDATE_FIELD (archived, PROP_ARCHIVED)
  UPDATE_FIELD (use_mutual_tls, PROP_AUTH_USE_MUTUAL_TLS)
  UPDATE_FIELD (system_kind, PROP_SYSTEM_KIND)
  UPDATE_FIELD (auth_kind, PROP_AUTH_KIND)

#undef UPDATE_FIELD

  g_rw_lock_writer_unlock (&update_lock);

  /* The tables keep their identity; only the rows that differ are replaced. A table nobody
   * asked for yet will be read from the new text when someone does. */
  for (guint i = 0; self->models != NULL && i < N_MODELS; i++)
    if (self->models[i] != NULL)
      {
        pb_item_list_sync_from (self->models[i], ensure_model (source, i));
      }

  g_object_thaw_notify (G_OBJECT (self));
}

#define STR_GETTER(func, index)                                   \
  const char *                                                    \
  pb_connection_get_##func (PbConnection *self)                   \
  {                                                               \
    g_return_val_if_fail (PB_IS_CONNECTION (self), NULL);         \
    return get_str (self, index);                                 \
  }

STR_GETTER (ref, STR_REF)
STR_GETTER (href, STR_HREF)
STR_GETTER (client_key, STR_CLIENT_KEY)
STR_GETTER (name, STR_NAME)
STR_GETTER (description, STR_DESCRIPTION)
STR_GETTER (modified_by_ref, STR_MODIFIED_BY_REF)
STR_GETTER (modified_at_text, STR_MODIFIED_AT_TEXT)
STR_GETTER (system_type, STR_SYSTEM_TYPE)
STR_GETTER (auth_type, STR_AUTH_TYPE)
STR_GETTER (auth_client_id, STR_AUTH_CLIENT_ID)
STR_GETTER (auth_access_token_url, STR_AUTH_ACCESS_TOKEN_URL)
STR_GETTER (request_type, STR_REQUEST_TYPE)
STR_GETTER (connection_url, STR_CONNECTION_URL)
STR_GETTER (request_body, STR_REQUEST_BODY)
STR_GETTER (example_value, STR_EXAMPLE_VALUE)
STR_GETTER (icon, STR_ICON)
STR_GETTER (json, STR_JSON)

#define INT_GETTER(func, index)                                   \
  gint64                                                          \
  pb_connection_get_##func (PbConnection *self)                   \
  {                                                               \
    g_return_val_if_fail (PB_IS_CONNECTION (self), -1);           \
    return self->ints[index];                                     \
  }

INT_GETTER (revision, INT_REVISION)
INT_GETTER (connection_timeout, INT_CONNECTION_TIMEOUT)
INT_GETTER (socket_timeout, INT_SOCKET_TIMEOUT)

#define MODEL_GETTER(func, index)                                 \
  GListModel *                                                    \
  pb_connection_get_##func (PbConnection *self)                   \
  {                                                               \
    g_return_val_if_fail (PB_IS_CONNECTION (self), NULL);         \
    return G_LIST_MODEL (ensure_model (self, index));             \
  }

MODEL_GETTER (oauth_custom_headers, MODEL_OAUTH_CUSTOM_HEADERS)
MODEL_GETTER (form_url_encoded_items, MODEL_FORM_URL_ENCODED_ITEMS)
MODEL_GETTER (custom_headers, MODEL_CUSTOM_HEADERS)
MODEL_GETTER (url_parameters, MODEL_URL_PARAMETERS)
MODEL_GETTER (input_mappings, MODEL_INPUT_MAPPINGS)
MODEL_GETTER (output_mappings, MODEL_OUTPUT_MAPPINGS)

GDateTime *
pb_connection_get_modified_at (PbConnection *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION (self), NULL);

  return self->modified_at;
}

gboolean
pb_connection_get_archived (PbConnection *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION (self), FALSE);

  return self->archived;
}

PbSystemKind
pb_connection_get_system_kind (PbConnection *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION (self), PB_SYSTEM_KIND_OTHER);

  return self->system_kind;
}

PbAuthKind
pb_connection_get_auth_kind (PbConnection *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION (self), PB_AUTH_KIND_OTHER);

  return self->auth_kind;
}

gboolean
pb_connection_get_auth_use_mutual_tls (PbConnection *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION (self), FALSE);

  return self->use_mutual_tls;
}

const char * const *
pb_connection_get_unreadable_fields (PbConnection *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (PB_IS_CONNECTION (self), none);

  return self->unreadable != NULL ? (const char * const *)self->unreadable : none;
}

gboolean
pb_connection_has_unreadable_fields (PbConnection *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION (self), FALSE);

  return self->unreadable != NULL;
}

char *
pb_connection_describe_unreadable (guint n_connections)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u connection has fields Plugboard cannot read",
                                       "%u connections have fields Plugboard cannot read",
                                       n_connections),
                          n_connections);
}

/* The JSON text indented by two spaces, tokens exactly as received. */
char *
pb_connection_dup_json_pretty (PbConnection *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION (self), NULL);

  return pb_json_text_pretty (get_str (self, STR_JSON));
}

/* }}} */
