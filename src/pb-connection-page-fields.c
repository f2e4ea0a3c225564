/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-connection-page"

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "pb-connection-page-private.h"
#include "pb-json.h"

/* What the connection page reads of a connection beyond its getters: an icon for its icon
 * field, and the members of `auth` that no row of their own shows. */

static gboolean
is_empty (const char *text)
{
  return text == NULL || text[0] == '\0';
}

/* Icons for the asset paths and icon classes the web app uses, by a word in them. */
static const struct
{
  const char *word;
  const char *icon_name;
} known_icons[] = {
  { "sms", "chat-message-new-symbolic" },
  { "chat", "chat-message-new-symbolic" },
  { "comment", "chat-message-new-symbolic" },
  { "message", "chat-message-new-symbolic" },
  { "envelope", "mail-unread-symbolic" },
  { "mail", "mail-unread-symbolic" },
  { "paper-plane", "mail-send-symbolic" },
  { "phone", "phone-symbolic" },
  { "mobile", "phone-symbolic" },
  { "bell", "preferences-system-notifications-symbolic" },
  { "push", "preferences-system-notifications-symbolic" },
  { "notification", "preferences-system-notifications-symbolic" },
  { "weather", "weather-few-clouds-symbolic" },
  { "cloud", "weather-few-clouds-symbolic" },
  { "globe", "web-browser-symbolic" },
  { "browser", "web-browser-symbolic" },
  { "web", "web-browser-symbolic" },
  { "calendar", "x-office-calendar-symbolic" },
  { "user", "avatar-default-symbolic" },
  { "person", "avatar-default-symbolic" },
  { "star", "starred-symbolic" },
  { "link", "insert-link-symbolic" },
  { "database", "network-server-symbolic" },
  { "server", "network-server-symbolic" },
};

const char *
_pb_connection_page_available_icon (GtkWidget  *widget,
                const char *icon_name)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));

  return icon_name != NULL && gtk_icon_theme_has_icon (theme, icon_name) ? icon_name : NULL;
}

const char *
_pb_connection_page_icon_for_field (GtkWidget  *widget,
                const char *icon)
{
  g_autofree char *lower = NULL;
  const char *slash;

  if (is_empty (icon))
    return NULL;

  /* For asset paths only the file name says what it shows. */
  slash = strrchr (icon, '/');
  lower = g_utf8_strdown (slash ? slash + 1 : icon, -1);

  for (guint i = 0; i < G_N_ELEMENTS (known_icons); i++)
    if (strstr (lower, known_icons[i].word) != NULL)
      return _pb_connection_page_available_icon (widget, known_icons[i].icon_name);

  return NULL;
}

/* Members of `auth` that the rows of an OAuth connection show. */
static gboolean
is_oauth_member (const char *name)
{
  static const char * const oauth_members[] = {
    "clientId", "accessTokenUrl", "useMutualTls", "oauthCustomHeaders", "formUrlEncodedItems",
  };

  for (guint i = 0; i < G_N_ELEMENTS (oauth_members); i++)
    if (g_str_equal (name, oauth_members[i]))
      return TRUE;

  return FALSE;
}

GPtrArray *
_pb_connection_page_auth_members (PbConnection *connection,
                                  gboolean      oauth)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GPtrArray *members = g_ptr_array_new_with_free_func (g_object_unref);
  JsonObject *auth;
  g_autoptr(GList) names = NULL;

  if (!json_parser_load_from_data (parser, pb_connection_get_json (connection), -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return members;
  auth = pb_json_object_get_object (json_node_get_object (json_parser_get_root (parser)), "auth");
  if (auth == NULL)
    return members;

  names = json_object_get_members (auth);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (auth, name);
      g_autofree char *text = NULL;

      if (g_str_equal (name, "authType") || (oauth && is_oauth_member (name)))
        continue;

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        text = g_strdup (json_node_get_string (node));
      else if (!JSON_NODE_HOLDS_NULL (node))
        text = json_to_string (node, FALSE);
      g_ptr_array_add (members, pb_name_value_new (name, text));
    }

  return members;
}
