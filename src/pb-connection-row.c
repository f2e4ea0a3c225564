/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-connection-row"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-connection-row.h"
#include "pb-format.h"
#include "pb-search.h"

/* One row of the sidebar: the name (its match with the search of the window it is in, in
 * bold), a warning icon when Plugboard cannot read some fields, an "Archived" tag, and
 * bold), an "Archived" tag, the date of the last change while the window sorts by it, and
 * "METHOD · authentication · system type". */
struct _PbConnectionRow
{
  GtkWidget     parent_instance;

  GtkLabel     *name_label;
  GtkWidget    *unreadable_icon;
  GtkWidget    *archived_label;
  GtkLabel     *date_label;
  GtkLabel     *subtitle_label;

  PbConnection *connection;
  char         *search;
  gulong        notify_handler;
  GBinding     *search_binding;
  GBinding     *show_modified_binding;
  gboolean      show_modified;
};

G_DEFINE_FINAL_TYPE (PbConnectionRow, pb_connection_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONNECTION,
  PROP_SEARCH,
  PROP_SHOW_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The name as Pango markup, with the part that matches the search in bold. */
static char *
pb_connection_row_name_markup (const char *whole_name,
                               const char *search)
{
  g_autofree char *name = pb_format_for_display (whole_name, PB_FORMAT_TITLE_CHARS);
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
pb_connection_row_subtitle_text (PbConnection *connection)
{
  /* Translators: the parts of a connection's summary line are joined with this */
  const char *separator = _(" · ");
  const char *request_type = pb_connection_get_request_type (connection);
  GString *text = g_string_new (NULL);
  g_autofree char *whole = NULL;

  if (request_type != NULL && *request_type != '\0')
    g_string_append_printf (text, "%s%s", request_type, separator);
  g_string_append_printf (text, "%s%s%s",
                          pb_format_auth_type (pb_connection_get_auth_type (connection)),
                          separator,
                          pb_format_system_type (pb_connection_get_system_type (connection)));

  whole = g_string_free (text, FALSE);
  return pb_format_for_display (whole, PB_FORMAT_TITLE_CHARS);
}

static const char *
pb_connection_row_unreadable_text (void)
{
  return _("Plugboard cannot read some fields of this connection");
}

/* A screen reader reads the list's row, the GtkListView's item this row is the child of (GTK
 * 4.8 has no API on GtkListItem for it): its name is the connection's name and summary. */
static void
pb_connection_row_update_accessible (PbConnectionRow *self)
{
  GtkWidget *item = gtk_widget_get_parent (GTK_WIDGET (self));
  g_autofree char *text = NULL;

  if (self->connection != NULL)
    {
      g_autofree char *name = pb_format_for_display (pb_connection_get_name (self->connection),
                                                     PB_FORMAT_TITLE_CHARS);
      g_autofree char *summary = pb_connection_row_subtitle_text (self->connection);

      /* Translators: how a screen reader reads a row of the list: a connection's name, then
       * its summary ("POST · OAuth 2.0 · Destination") */
      text = g_strdup_printf (_("%s, %s"), name != NULL && *name != '\0' ? name
                                                                           : _("Unnamed connection"),
                              summary);
      if (pb_connection_get_archived (self->connection))
        {
          g_autofree char *plain = g_steal_pointer (&text);

          /* Translators: a row's name for a screen reader, of a connection no longer in use */
          text = g_strdup_printf (_("%s, archived"), plain);
        }
      if (gtk_widget_get_visible (GTK_WIDGET (self->date_label)))
        {
          g_autofree char *plain = g_steal_pointer (&text);

          /* Translators: a row's name for a screen reader, then the day of its last change,
           * e.g. "Send SMS, POST · OAuth 2.0 · Destination, changed 3 Dec 2025" */
          text = g_strdup_printf (_("%s, changed %s"), plain,
                                  gtk_label_get_text (self->date_label));
        }
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text ?: "", -1);
  if (item != NULL && text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    text, -1);

  /* What the warning icon says, for those who do not see it. */
  if (self->connection != NULL && pb_connection_has_unreadable_fields (self->connection))
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      pb_connection_row_unreadable_text (), -1);
      if (item != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (item),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                        pb_connection_row_unreadable_text (), -1);
    }
  else
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      if (item != NULL)
        gtk_accessible_reset_property (GTK_ACCESSIBLE (item),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
pb_connection_row_update (PbConnectionRow *self)
{
  g_autofree char *markup = NULL;
  g_autofree char *subtitle = NULL;
  gboolean unreadable;
  g_autofree char *date = NULL;
  GDateTime *modified_at;
  gboolean archived;

  g_assert (PB_IS_CONNECTION_ROW (self));

  if (self->connection == NULL)
    {
      gtk_label_set_text (self->name_label, "");
      gtk_label_set_text (self->subtitle_label, "");
      gtk_widget_set_visible (self->archived_label, FALSE);
      gtk_widget_set_visible (self->unreadable_icon, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->date_label), FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self), "dim-label");
      pb_connection_row_update_accessible (self);
      return;
    }

  markup = pb_connection_row_name_markup (pb_connection_get_name (self->connection), self->search);
  gtk_label_set_markup (self->name_label, markup);
  subtitle = pb_connection_row_subtitle_text (self->connection);
  gtk_label_set_text (self->subtitle_label, subtitle);
  modified_at = pb_connection_get_modified_at (self->connection);
  if (self->show_modified && modified_at != NULL)
    date = pb_format_date_short (modified_at);
  gtk_label_set_text (self->date_label, date ?: "");
  gtk_widget_set_visible (GTK_WIDGET (self->date_label), date != NULL);
  pb_connection_row_update_accessible (self);

  unreadable = pb_connection_has_unreadable_fields (self->connection);
  gtk_widget_set_visible (self->unreadable_icon, unreadable);
  /* Set only where shown: a tooltip on every row would cost each row a query on hover. */
  gtk_widget_set_tooltip_text (self->unreadable_icon,
                               unreadable ? pb_connection_row_unreadable_text () : NULL);

  archived = pb_connection_get_archived (self->connection);
  gtk_widget_set_visible (self->archived_label, archived);
  if (archived)
    gtk_widget_add_css_class (GTK_WIDGET (self), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "dim-label");
}

/* The whole name, when it does not fit. (A tooltip set on every row would cost a round trip
 * to the display server for each row shown.) */
static gboolean
name_query_tooltip_cb (GtkLabel        *label,
                       int              x,
                       int              y,
                       gboolean         keyboard,
                       GtkTooltip      *tooltip,
                       PbConnectionRow *self)
{
  g_autofree char *name = NULL;

  if (self->connection == NULL || !pango_layout_is_ellipsized (gtk_label_get_layout (label)))
    return FALSE;

  /* Whole up to a length a tooltip can show. */
  name = pb_format_for_display (pb_connection_get_name (self->connection),
                                PB_FORMAT_MESSAGE_CHARS);
  gtk_tooltip_set_text (tooltip, name);
  return TRUE;
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
    g_clear_signal_handler (&self->notify_handler, self->connection);
  g_set_object (&self->connection, connection);
  /* A reload changes a connection in place (pb_connection_update_from notifies). */
  if (connection != NULL)
    self->notify_handler = g_signal_connect_object (connection, "notify",
                                                    G_CALLBACK (pb_connection_row_update), self,
                                                    G_CONNECT_SWAPPED);

  pb_connection_row_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION]);
}

static void
pb_connection_row_set_search (PbConnectionRow *self,
                              const char      *search)
{
  if (g_strcmp0 (self->search, search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (search);
  pb_connection_row_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

static void
pb_connection_row_set_show_modified (PbConnectionRow *self,
                                     gboolean         show_modified)
{
  show_modified = !!show_modified;
  if (self->show_modified == show_modified)
    return;

  self->show_modified = show_modified;
  pb_connection_row_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_MODIFIED]);
}

static void
pb_connection_row_dispose (GObject *object)
{
  PbConnectionRow *self = (PbConnectionRow *)object;
  GtkWidget *child;

  pb_connection_row_set_connection (self, NULL);
  g_clear_pointer (&self->search_binding, g_binding_unbind);
  g_clear_pointer (&self->show_modified_binding, g_binding_unbind);
  g_clear_pointer (&self->search, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_CONNECTION_ROW);
  /* The template's box is nobody's field: it goes too. */
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

    case PROP_SHOW_MODIFIED:
      g_value_set_boolean (value, self->show_modified);
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
      pb_connection_row_set_search (self, g_value_get_string (value));
      break;

    case PROP_SHOW_MODIFIED:
      pb_connection_row_set_show_modified (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The search is the window's: the row takes it from the `search` property of its root, when
 * that has one (PbWindow's), for as long as it is in that window; and `show-modified` alike. */
static void
pb_connection_row_root (GtkWidget *widget)
{
  PbConnectionRow *self = PB_CONNECTION_ROW (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (pb_connection_row_parent_class)->root (widget);
  pb_connection_row_update_accessible (self);

  root = gtk_widget_get_root (widget);
  g_clear_pointer (&self->search_binding, g_binding_unbind);
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (root), "search") != NULL)
    self->search_binding = g_object_bind_property (root, "search", self, "search",
                                                   G_BINDING_SYNC_CREATE);
  g_clear_pointer (&self->show_modified_binding, g_binding_unbind);
  if (g_object_class_find_property (G_OBJECT_GET_CLASS (root), "show-modified") != NULL)
    self->show_modified_binding = g_object_bind_property (root, "show-modified",
                                                          self, "show-modified",
                                                          G_BINDING_SYNC_CREATE);
}

static void
pb_connection_row_unroot (GtkWidget *widget)
{
  PbConnectionRow *self = PB_CONNECTION_ROW (widget);

  g_clear_pointer (&self->search_binding, g_binding_unbind);
  g_clear_pointer (&self->show_modified_binding, g_binding_unbind);

  GTK_WIDGET_CLASS (pb_connection_row_parent_class)->unroot (widget);
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

  /* Whether the date of the last change is shown. */
  properties[PROP_SHOW_MODIFIED] =
    g_param_spec_boolean ("show-modified", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->root = pb_connection_row_root;
  widget_class->unroot = pb_connection_row_unroot;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/pb-connection-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PbConnectionRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionRow, unreadable_icon);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionRow, archived_label);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionRow, date_label);
  gtk_widget_class_bind_template_child (widget_class, PbConnectionRow, subtitle_label);
  gtk_widget_class_bind_template_callback (widget_class, name_query_tooltip_cb);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pb_connection_row_init (PbConnectionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
