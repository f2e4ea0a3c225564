/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pb-connection.h"
#include "pb-export.h"
#include "pb-export-private.h"
#include "pb-secret.h"

/* {{{ curl */

/* Whether `p` starts a character that a terminal or a line editor acts on when it is pasted:
 * a C0 control (newline, tab, ESC, ^U…), DEL, or a C1 control (U+0080–U+009F, as UTF-8). */
static gboolean
is_terminal_control (const char *p)
{
  guchar c = (guchar)p[0];

  return c < 0x20 || c == 0x7f || (c == 0xc2 && (guchar)p[1] >= 0x80 && (guchar)p[1] <= 0x9f);
}

/* Appends `text` as one shell word that is safe to paste into a terminal. Inside single quotes
 * nothing is special but the single quote itself, which closes, is escaped, and opens again.
 * A line break inside them only continues the word (a pretty-printed body stays readable). A
 * text with any other control character is written as $'…' with every control character
 * escaped, so that the command holds none: pasted, it cannot erase a line, complete a word or
 * talk to the terminal. */
static void
append_quoted (GString    *out,
               const char *text)
{
  gboolean controls = FALSE;

  for (const char *p = text; *p != '\0' && !controls; p++)
    controls = *p != '\n' && is_terminal_control (p);

  if (!controls)
    {
      g_string_append_c (out, '\'');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '\'')
            g_string_append (out, "'\\''");
          else
            g_string_append_c (out, *p);
        }
      g_string_append_c (out, '\'');
      return;
    }

  g_string_append (out, "$'");
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p == '\t')
        g_string_append (out, "\\t");
      else if (is_terminal_control (p))
        {
          if ((guchar)*p == 0xc2)
            g_string_append_printf (out, "\\x%02x", (guchar)*p++);
          g_string_append_printf (out, "\\x%02x", (guchar)*p);
        }
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

/* A method stays bare when it is a plain word; anything else is quoted. */
static void
append_word (GString    *out,
             const char *text)
{
  gboolean plain = *text != '\0';

  for (const char *p = text; *p != '\0' && plain; p++)
    plain = g_ascii_isalnum (*p) || *p == '-' || *p == '_';

  if (plain)
    g_string_append (out, text);
  else
    append_quoted (out, text);
}

static char *
escape_query_part (const char *text)
{
  /* ${placeholders} stay as they are. */
  return g_uri_escape_string (text != NULL ? text : "", "${}", FALSE);
}

/* The connection URL with the {name, value} URL parameters added to its query; the values of
 * parameters whose name looks secret are masked unless include_secrets, as in the JSON. */
static char *
build_url (PbConnection *connection,
           gboolean      include_secrets)
{
  GListModel *parameters = pb_connection_get_url_parameters (connection);
  const char *url = pb_connection_get_connection_url (connection);
  g_autofree char *masked_url = NULL;
  const char *fragment;
  GString *out;
  guint n;

  if (url == NULL)
    url = "";
  if (!include_secrets)
    url = masked_url = pb_secret_mask_url (url);

  n = parameters != NULL ? g_list_model_get_n_items (parameters) : 0;
  fragment = strchr (url, '#');
  out = g_string_new_len (url, fragment != NULL ? fragment - url : (gssize)strlen (url));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbNameValue) item = g_list_model_get_item (parameters, i);
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (pb_name_value_get_name (item) == NULL || *pb_name_value_get_name (item) == '\0')
        continue;

      name = escape_query_part (pb_name_value_get_name (item));
      if (!include_secrets && pb_secret_name_looks_secret (pb_name_value_get_name (item)))
        value = pb_secret_mask (pb_name_value_get_value (item));
      else
        value = escape_query_part (pb_name_value_get_value (item));
      g_string_append_c (out, strchr (out->str, '?') != NULL ? '&' : '?');
      g_string_append_printf (out, "%s=%s", name, value);
    }

  if (fragment != NULL)
    g_string_append (out, fragment);

  return g_string_free (out, FALSE);
}

/* Whether a header asks for a compressed answer (curl then decompresses it). */
static gboolean
asks_compression (GListModel *headers)
{
  guint n = headers != NULL ? g_list_model_get_n_items (headers) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbNameValue) item = g_list_model_get_item (headers, i);
      const char *name = pb_name_value_get_name (item);

      if (name != NULL && g_ascii_strcasecmp (name, "Accept-Encoding") == 0)
        return TRUE;
    }

  return FALSE;
}

static char *
header_option (PbNameValue *item,
               gboolean     include_secrets)
{
  const char *name = pb_name_value_get_name (item);
  const char *value = pb_name_value_get_value (item);
  g_autofree char *masked = NULL;
  g_autofree char *header = NULL;
  GString *out;

  if (!include_secrets && pb_secret_name_looks_secret (name))
    value = masked = pb_secret_mask (value);

  /* curl drops a header given as "Name:", and sends it empty when given as "Name;". */
  if (value == NULL || *value == '\0')
    header = g_strconcat (name, ";", NULL);
  else
    header = g_strconcat (name, ": ", value, NULL);

  out = g_string_new ("-H ");
  append_quoted (out, header);

  return g_string_free (out, FALSE);
}

char *
pb_connection_to_curl (PbConnection *connection,
                       gboolean      include_secrets)
{
  g_autoptr(GPtrArray) options = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *url = NULL;
  GListModel *headers;
  const char *method;
  const char *body;
  GString *first;
  guint n;

  g_return_val_if_fail (PB_IS_CONNECTION (connection), NULL);

  method = pb_connection_get_request_type (connection);
  if (method == NULL || *method == '\0')
    method = "GET";
  url = build_url (connection, include_secrets);

  first = g_string_new ("curl -X ");
  append_word (first, method);
  g_string_append_c (first, ' ');
  append_quoted (first, url);
  g_ptr_array_add (options, g_string_free (first, FALSE));

  /* Without it curl reads {…} and […] in the URL as patterns of several addresses. */
  if (strpbrk (url, "{}[]") != NULL)
    g_ptr_array_add (options, g_strdup ("--globoff"));

  headers = pb_connection_get_custom_headers (connection);
  if (asks_compression (headers))
    g_ptr_array_add (options, g_strdup ("--compressed"));

  n = headers != NULL ? g_list_model_get_n_items (headers) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbNameValue) item = g_list_model_get_item (headers, i);
      const char *name = pb_name_value_get_name (item);

      if (name != NULL && *name != '\0')
        g_ptr_array_add (options, header_option (item, include_secrets));
    }

  body = pb_connection_get_request_body (connection);
  if (body != NULL && *body != '\0')
    {
      GString *data = g_string_new ("--data-raw ");

      append_quoted (data, body);
      g_ptr_array_add (options, g_string_free (data, FALSE));
    }

  g_ptr_array_add (options, NULL);

  return g_strjoinv (" \\\n  ", (char **)options->pdata);
}

/* }}} */
/* {{{ Export */

void
_pb_export_mask_member (JsonObject *object,
                        const char *name)
{
  JsonNode *node = pb_json_object_get_node (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;

  if (pb_json_node_get_string (node) != NULL)
    {
      g_autofree char *masked = pb_secret_mask (pb_json_node_get_string (node));

      json_node_set_string (node, masked);
    }
  else if (JSON_NODE_HOLDS_VALUE (node))
    {
      /* A number or a boolean where a secret belongs. */
      json_node_set_string (node, PB_SECRET_MASK);
    }
  else
    {
      /* An object or an array: replaced whole (json_node_init_*() cannot be used on a node
       * that holds something in json-glib 1.6). */
      json_object_set_string_member (object, name, PB_SECRET_MASK);
    }
}

static gboolean
is_secret_member (const char *name)
{
  static const char *const names[] = {
    "clientSecret", "client_secret", "password", "accessToken", "access_token",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return TRUE;

  return FALSE;
}

/* Masks the members named like a secret, anywhere below `node`. */
void
_pb_export_mask_secret_members (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      g_autoptr(GPtrArray) secret = g_ptr_array_new_with_free_func (g_free);

      /* Members are replaced once the walk over them is over. */
      json_object_iter_init (&iter, object);
      while (json_object_iter_next (&iter, &name, &member))
        {
          if (is_secret_member (name))
            g_ptr_array_add (secret, g_strdup (name));
          else
            _pb_export_mask_secret_members (member);
        }
      for (guint i = 0; i < secret->len; i++)
        _pb_export_mask_member (object, g_ptr_array_index (secret, i));
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        _pb_export_mask_secret_members (json_array_get_element (array, i));
    }
}

/* Masks the value of each {name, value} item of `object`.`member` whose name looks secret. */
static void
mask_name_values (JsonObject *object,
                  const char *member)
{
  JsonArray *array = pb_json_object_get_array (object, member);

  if (array == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *item;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      item = json_node_get_object (element);
      if (!pb_secret_name_looks_secret (pb_json_object_get_string (item, "name")))
        continue;
      _pb_export_mask_member (item, "value");
    }
}

/* Masks the query of the URL in object.member (see pb_secret_mask_url()). */
static void
mask_url_member (JsonObject *object,
                 const char *member)
{
  const char *url = pb_json_object_get_string (object, member);
  g_autofree char *masked = pb_secret_mask_url (url);

  if (masked != NULL && strcmp (masked, url) != 0)
    json_object_set_string_member (object, member, masked);
}

/* Masks the members of `object` whose name looks secret (pb_secret_name_looks_secret()). */
static void
mask_secret_named_members (JsonObject *object)
{
  g_autoptr(GList) names = object != NULL ? json_object_get_members (object) : NULL;

  for (GList *l = names; l != NULL; l = l->next)
    if (pb_secret_name_looks_secret (l->data))
      _pb_export_mask_member (object, l->data);
}

static void
mask_connection (JsonNode *root)
{
  JsonObject *object = json_node_get_object (root);
  JsonObject *auth = pb_json_object_get_object (object, "auth");
  JsonObject *request = pb_json_object_get_object (object, "request");

  mask_name_values (object, "customHeaders");
  mask_name_values (object, "urlParameters");
  mask_name_values (auth, "oauthCustomHeaders");
  mask_name_values (auth, "formUrlEncodedItems");
  mask_secret_named_members (auth);
  mask_url_member (request, "connectionUrl");
  mask_url_member (auth, "accessTokenUrl");
  _pb_export_mask_secret_members (root);
}

/* The connection as a tree, masked unless include_secrets. */
static JsonNode *
connection_to_node (PbConnection  *connection,
                    gboolean       include_secrets,
                    GError       **error)
{
  const char *json = pb_connection_get_json (connection);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;

  if (json != NULL)
    root = json_from_string (json, &local_error);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_debug ("Cannot export connection %s: %s", pb_connection_get_ref (connection),
               local_error != NULL ? local_error->message : "not an object");
      g_set_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_STRUCTURE,
                   _("The connection “%s” cannot be exported: its data is not complete."),
                   pb_connection_get_name (connection) != NULL
                   ? pb_connection_get_name (connection) : "");
      return NULL;
    }

  if (!include_secrets)
    mask_connection (root);

  return g_steal_pointer (&root);
}

static char *
to_pretty_text (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  GString *out = g_string_new (NULL);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  json_generator_to_gstring (generator, out);
  g_string_append_c (out, '\n');

  return g_string_free (out, FALSE);
}

char *
pb_export_connections (GPtrArray  *connections,
                       gboolean    include_secrets,
                       GError    **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonArray) items = NULL;
  JsonObject *object;

  g_return_val_if_fail (connections != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  items = json_array_sized_new (connections->len);
  for (guint i = 0; i < connections->len; i++)
    {
      JsonNode *node = connection_to_node (g_ptr_array_index (connections, i),
                                           include_secrets, error);

      if (node == NULL)
        return NULL;
      json_array_add_element (items, node);
    }

  object = json_object_new ();
  json_object_set_array_member (object, "items", g_steal_pointer (&items));
  root = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);

  return to_pretty_text (root);
}

char *
pb_export_connection (PbConnection  *connection,
                      gboolean       include_secrets,
                      GError       **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (PB_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = connection_to_node (connection, include_secrets, error);
  if (root == NULL)
    return NULL;

  return to_pretty_text (root);
}

/* }}} */
