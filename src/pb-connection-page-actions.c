/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-connection-page"

#include "config.h"

#include "pb-connection-page-private.h"
#include "pb-export.h"
#include "pb-page-property.h"

/* The actions of the connection page: page.copy-json and Ctrl+R. */

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

  /* Copy copies what the JSON row shows: masked unless the page reveals secrets. */
  json = pb_export_connection (connection, pb_connection_page_get_reveal_secrets (self), NULL);
  if (json != NULL)
    pb_page_copy_to_clipboard (widget, json);
}

void
_pb_connection_page_class_actions_init (PbConnectionPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "page.copy-json", NULL, copy_json_action);

  /* Inside the page, Ctrl+R reloads this connection rather than the whole list. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.reload-connection", NULL);
}
