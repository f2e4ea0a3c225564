/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-connection-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-connection-page-private.h"
#include "pb-export.h"
#include "pb-page-property.h"

/* The actions of the connection page: page.copy-json, page.open-href, and Ctrl+R. */

static void
copy_json_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PbConnectionPage *self = PB_CONNECTION_PAGE (widget);
  PbConnection *connection = pb_connection_page_get_connection (self);
  g_autofree char *json = NULL;

  if (connection == NULL)
    return;

  /* Copy copies what the Raw JSON row shows: masked unless the page reveals secrets. */
  json = pb_export_connection (connection, pb_connection_page_get_reveal_secrets (self), NULL);
  if (json != NULL)
    pb_page_copy_to_clipboard (widget, json);
}

static void
show_uri_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PbConnectionPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    {
      GtkWidget *overlay;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_debug ("Could not open the API link: %s", error->message);
      overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
      if (overlay != NULL)
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                                     adw_toast_new (_("No app could open the link")));
    }
}

static void
open_href_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PbConnection *connection = pb_connection_page_get_connection (PB_CONNECTION_PAGE (widget));
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *href;

  if (connection == NULL || !GTK_IS_WINDOW (root))
    return;

  href = pb_connection_get_href (connection);
  if (href == NULL || href[0] == '\0')
    return;

  gtk_show_uri_full (GTK_WINDOW (root), href, GDK_CURRENT_TIME, NULL, show_uri_done,
                     g_object_ref (widget));
}

void
_pb_connection_page_class_actions_init (PbConnectionPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "page.copy-json", NULL, copy_json_action);
  gtk_widget_class_install_action (widget_class, "page.open-href", NULL, open_href_action);

  /* Inside the page, Ctrl+R reloads this connection rather than the whole list. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.reload-connection", NULL);
}
