/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-connection-row"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-connection-row.h"
#include "pb-format.h"
#include "pb-search.h"

struct _PbConnectionRow
{
  GtkWidget     parent_instance;

  PbConnection *connection;
  char         *search;
  gulong        archived_handler;
};

G_DEFINE_FINAL_TYPE (PbConnectionRow, pb_connection_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_SEARCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The name as Pango markup, with the part that matches the search in bold. */
static char *
pb_connection_row_name_markup (gpointer    instance,
                               const char *name,
                               const char *search)
{
  gsize start, end;

  if (name == NULL || *name == '\0')
    /* Translators: the name of a connection the server sent without one */
    return g_markup_escape_text (_("Unnamed connection"), -1);

  if (pb_search_find (name, search, &start, &end))
    {
      g_autofree char *before = g_markup_escape_text (name, start);
      g_autofree char *match = g_markup_escape_text (name + start, end - start);
      g_autofree char *after = g_markup_escape_text (name + end, -1);

      return g_strdup_printf ("%s<b>%s</b>%s", before, match, after);
    }

  return g_markup_escape_text (name, -1);
}

static char *
pb_connection_row_subtitle_text (gpointer    instance,
                                 const char *request_type,
                                 const char *auth_type,
                                 const char *system_type)
{
  /* Translators: the parts of a connection's summary line are joined with this */
  const char *separator = _(" · ");
  GString *text = g_string_new (NULL);

  if (request_type != NULL && *request_type != '\0')
    g_string_append_printf (text, "%s%s", request_type, separator);
  g_string_append_printf (text, "%s%s%s",
                          pb_format_auth_type (auth_type), separator,
                          pb_format_system_type (system_type));

  return g_string_free (text, FALSE);
}

/* The whole name, when it does not fit. (A tooltip bound to every row would cost a round trip
 * to the display server for each row shown.) */
static gboolean
name_query_tooltip_cb (PbConnectionRow *self,
                       int              x,
                       int              y,
                       gboolean         keyboard,
                       GtkTooltip      *tooltip,
                       GtkLabel        *label)
{
  if (self->connection == NULL || !pango_layout_is_ellipsized (gtk_label_get_layout (label)))
    return FALSE;

  gtk_tooltip_set_text (tooltip, pb_connection_get_name (self->connection));
  return TRUE;
}

static void
pb_connection_row_update_archived (PbConnectionRow *self)
{
  g_assert (PB_IS_CONNECTION_ROW (self));

  if (self->connection != NULL && pb_connection_get_archived (self->connection))
    gtk_widget_add_css_class (GTK_WIDGET (self), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "dim-label");
}

PbConnection *
pb_connection_row_get_connection (PbConnectionRow *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_ROW (self), NULL);

  return self->connection;
}

void
pb_connection_row_set_connection (PbConnectionRow *self,
                                  PbConnection    *connection)
{
  g_return_if_fail (PB_IS_CONNECTION_ROW (self));
  g_return_if_fail (!connection || PB_IS_CONNECTION (connection));

  if (self->connection == connection)
    return;

  if (self->connection != NULL)
    g_clear_signal_handler (&self->archived_handler, self->connection);
  g_set_object (&self->connection, connection);
  if (connection != NULL)
    self->archived_handler =
      g_signal_connect_object (connection, "notify::archived",
                               G_CALLBACK (pb_connection_row_update_archived), self,
                               G_CONNECT_SWAPPED);

  pb_connection_row_update_archived (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION]);
}

static void
pb_connection_row_dispose (GObject *object)
{
  PbConnectionRow *self = (PbConnectionRow *)object;
  GtkWidget *child;

  pb_connection_row_set_connection (self, NULL);
  g_clear_pointer (&self->search, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_CONNECTION_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (pb_connection_row_parent_class)->dispose (object);
}

static void
pb_connection_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PbConnectionRow *self = PB_CONNECTION_ROW (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;

    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_connection_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PbConnectionRow *self = PB_CONNECTION_ROW (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      pb_connection_row_set_connection (self, g_value_get_object (value));
      break;

    case PROP_SEARCH:
      if (g_strcmp0 (self->search, g_value_get_string (value)) != 0)
        {
          g_free (self->search);
          self->search = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_connection_row_class_init (PbConnectionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pb_connection_row_dispose;
  object_class->get_property = pb_connection_row_get_property;
  object_class->set_property = pb_connection_row_set_property;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL,
                         PB_TYPE_CONNECTION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The search as folded by pb_search_fold(); its match in the name is shown in bold. */
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pb-connection-row.ui");
  gtk_widget_class_bind_template_callback (widget_class, pb_connection_row_name_markup);
  gtk_widget_class_bind_template_callback (widget_class, pb_connection_row_subtitle_text);
  gtk_widget_class_bind_template_callback (widget_class, name_query_tooltip_cb);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pb_connection_row_init (PbConnectionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
