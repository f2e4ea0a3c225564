/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "pb-connection.h"
#include "pb-export.h"
#include "pb-export-private.h"
#include "pb-json-reader.h"
#include "pb-name-value.h"
#include "pb-outbound-request.h"
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

/* Whether a header asks for a compressed answer (curl then decompresses it). */
static gboolean
asks_compression (GPtrArray *headers)
{
  for (guint i = 0; i < headers->len; i++)
    {
      PbNameValue *item = g_ptr_array_index (headers, i);
      const char *name = pb_name_value_get_name (item);

      if (name != NULL && g_ascii_strcasecmp (name, "Accept-Encoding") == 0)
        return TRUE;
    }

  return FALSE;
}

static char *
header_option (PbNameValue *item)
{
  const char *name = pb_name_value_get_name (item);
  const char *value = pb_name_value_get_value (item);
  g_autofree char *header = NULL;
  GString *out;

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
pb_connection_to_curl_with_values (PbConnection *connection,
                                   GHashTable   *values,
                                   gboolean      include_secrets)
{
  g_autoptr(GPtrArray) options = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PbOutboundRequest) request = NULL;
  GString *first;

  g_return_val_if_fail (PB_IS_CONNECTION (connection), NULL);

  /* The request a test would make Sitecore Personalize send: the preview shows the same. */
  request = pb_outbound_request_new (connection, values, include_secrets);

  first = g_string_new ("curl -X ");
  append_word (first, request->method);
  g_string_append_c (first, ' ');
  append_quoted (first, request->url);
  g_ptr_array_add (options, g_string_free (first, FALSE));

  /* Without it curl reads {…} and […] in the URL as patterns of several addresses. */
  if (strpbrk (request->url, "{}[]") != NULL)
    g_ptr_array_add (options, g_strdup ("--globoff"));

  if (asks_compression (request->headers))
    g_ptr_array_add (options, g_strdup ("--compressed"));

  for (guint i = 0; i < request->headers->len; i++)
    g_ptr_array_add (options, header_option (g_ptr_array_index (request->headers, i)));

  if (request->body != NULL)
    {
      GString *data = g_string_new ("--data-raw ");

      append_quoted (data, request->body);
      g_ptr_array_add (options, g_string_free (data, FALSE));
    }

  g_ptr_array_add (options, NULL);

  return g_strjoinv (" \\\n  ", (char **)options->pdata);
}

char *
pb_connection_to_curl (PbConnection *connection,
                       gboolean      include_secrets)
{
  return pb_connection_to_curl_with_values (connection, NULL, include_secrets);
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

/* {{{ Masking a connection's text */

/* The connection's JSON text with its secret-looking values replaced, everything else exactly
 * as written: a walk of the pull reader that notes the spans to replace. */
typedef struct
{
  PbJsonReader *reader;
  const char   *text;
  GString      *out;
  gsize         copied; /* how much of `text` is in `out` */
} Masker;

/* Puts `replacement` (JSON text; NULL: nothing) in place of the value under the cursor. */
static void
replace_value (Masker     *m,
               const char *replacement)
{
  PbTextSpan span;

  if (replacement == NULL || !pb_json_reader_get_value_span (m->reader, &span))
    return;

  g_string_append_len (m->out, m->text + m->copied, span.start - m->copied);
  g_string_append (m->out, replacement);
  m->copied = span.end;
}

static void
mask_value (Masker *m)
{
  g_autofree char *masked = pb_secret_mask_json_value (m->reader);

  replace_value (m, masked);
}

/* Replaces the string under the cursor by `mask` (pb_secret_mask_url() or
 * pb_secret_mask_json_text()) of it, when that changes it. */
static void
mask_string_with (Masker *m,
                  char   *(*mask) (const char *text))
{
  g_autofree char *value = pb_json_reader_dup_string (m->reader);
  g_autofree char *masked = mask (value);

  if (masked != NULL && strcmp (masked, value) != 0)
    {
      g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), masked);
      g_autofree char *quoted = json_to_string (node, FALSE);

      replace_value (m, quoted);
    }
}

/* Masks the members named like a secret (is_secret_member()), anywhere in the value under the
 * cursor. Checked text is at most PB_JSON_MAX_DEPTH deep. */
static void
mask_secret_members (Masker *m)
{
  PbJsonType type = pb_json_reader_get_value_type (m->reader);

  if (type == PB_JSON_OBJECT)
    {
      for (gboolean more = pb_json_reader_start_object (m->reader); more;
           more = pb_json_reader_next (m->reader))
        {
          g_autofree char *name = pb_json_reader_dup_member_name (m->reader);

          if (is_secret_member (name))
            mask_value (m);
          else
            mask_secret_members (m);
        }
      pb_json_reader_end (m->reader);
    }
  else if (type == PB_JSON_ARRAY)
    {
      for (gboolean more = pb_json_reader_start_array (m->reader); more;
           more = pb_json_reader_next (m->reader))
        mask_secret_members (m);
      pb_json_reader_end (m->reader);
    }
}

/* Whether the object under the cursor has a `name_member` string that looks secret. */
static gboolean
item_name_looks_secret (Masker     *m,
                        const char *name_member)
{
  gboolean secret = FALSE;

  for (gboolean more = pb_json_reader_start_object (m->reader); more;
       more = pb_json_reader_next (m->reader))
    if (pb_json_reader_member_is (m->reader, name_member, -1))
      {
        g_autofree char *name = pb_json_reader_dup_string (m->reader);

        secret = pb_secret_name_looks_secret (name);
      }
  pb_json_reader_end (m->reader);

  return secret;
}

/* The array of items under the cursor that pair a name and a value ({name, value} for headers
 * and parameters, {key, exampleValue} for input mappings): the value of each item whose name
 * looks secret. */
static void
mask_name_values (Masker     *m,
                  const char *name_member,
                  const char *value_member)
{
  if (pb_json_reader_get_value_type (m->reader) != PB_JSON_ARRAY)
    {
      mask_secret_members (m);
      return;
    }

  for (gboolean more = pb_json_reader_start_array (m->reader); more;
       more = pb_json_reader_next (m->reader))
    {
      gboolean secret;

      if (pb_json_reader_get_value_type (m->reader) != PB_JSON_OBJECT)
        continue;

      secret = item_name_looks_secret (m, name_member);
      for (gboolean member = pb_json_reader_start_object (m->reader); member;
           member = pb_json_reader_next (m->reader))
        {
          g_autofree char *name = pb_json_reader_dup_member_name (m->reader);

          if ((secret && strcmp (name, value_member) == 0) || is_secret_member (name))
            mask_value (m);
          else
            mask_secret_members (m);
        }
      pb_json_reader_end (m->reader);
    }
  pb_json_reader_end (m->reader);
}

/* The members of the object "auth" or "request" under the cursor. */
static void
mask_nested (Masker   *m,
             gboolean  is_auth)
{
  if (pb_json_reader_get_value_type (m->reader) != PB_JSON_OBJECT)
    {
      mask_secret_members (m);
      return;
    }

  for (gboolean more = pb_json_reader_start_object (m->reader); more;
       more = pb_json_reader_next (m->reader))
    {
      g_autofree char *name = pb_json_reader_dup_member_name (m->reader);
      gboolean is_string = pb_json_reader_get_value_type (m->reader) == PB_JSON_STRING;

      if (is_auth && (strcmp (name, "oauthCustomHeaders") == 0
                      || strcmp (name, "formUrlEncodedItems") == 0))
        mask_name_values (m, "name", "value");
      else if (is_secret_member (name) || (is_auth && pb_secret_name_looks_secret (name)))
        mask_value (m);
      else if (is_string && strcmp (name, is_auth ? "accessTokenUrl" : "connectionUrl") == 0)
        mask_string_with (m, pb_secret_mask_url);
      else if (is_string && !is_auth && strcmp (name, "requestBody") == 0)
        mask_string_with (m, pb_secret_mask_json_text);
      else
        mask_secret_members (m);
    }
  pb_json_reader_end (m->reader);
}

/* Masks the connection object under the cursor. */
static void
mask_connection (Masker *m)
{
  for (gboolean more = pb_json_reader_start_object (m->reader); more;
       more = pb_json_reader_next (m->reader))
    {
      g_autofree char *name = pb_json_reader_dup_member_name (m->reader);

      if (strcmp (name, "customHeaders") == 0 || strcmp (name, "urlParameters") == 0)
        mask_name_values (m, "name", "value");
      else if (strcmp (name, "inputMappings") == 0)
        mask_name_values (m, "key", "exampleValue");
      else if (strcmp (name, "exampleValue") == 0
               && pb_json_reader_get_value_type (m->reader) == PB_JSON_STRING)
        mask_string_with (m, pb_secret_mask_json_text);
      else if (strcmp (name, "auth") == 0 || strcmp (name, "request") == 0)
        mask_nested (m, name[0] == 'a');
      else if (is_secret_member (name))
        mask_value (m);
      else
        mask_secret_members (m);
    }
  pb_json_reader_end (m->reader);
}

/* Masks the connection object under the cursor of m->reader (on `json`); frees the reader. */
static char *
mask_with_reader (Masker     *m,
                  const char *json)
{
  m->text = json;
  m->out = g_string_sized_new (strlen (json));
  mask_connection (m);
  g_string_append (m->out, json + m->copied);
  g_clear_pointer (&m->reader, pb_json_reader_free);

  return g_string_free (g_steal_pointer (&m->out), FALSE);
}

char *
_pb_export_mask_text (const char *json)
{
  Masker m = { NULL };

  g_return_val_if_fail (json != NULL, NULL);

  m.reader = pb_json_reader_new (json, strlen (json), PB_JSON_CHECK_DEFAULT, NULL);
  if (m.reader == NULL || pb_json_reader_get_value_type (m.reader) != PB_JSON_OBJECT)
    {
      g_clear_pointer (&m.reader, pb_json_reader_free);
      return NULL;
    }

  return mask_with_reader (&m, json);
}

/* The connection's compact text (as received), masked unless include_secrets. */
static char *
connection_to_text (PbConnection  *connection,
                    gboolean       include_secrets,
                    GError       **error)
{
  const char *json = pb_connection_get_json (connection);
  g_autoptr(GError) local_error = NULL;
  Masker m = { NULL };

  if (json != NULL)
    m.reader = pb_json_reader_new (json, strlen (json), PB_JSON_CHECK_DEFAULT, &local_error);

  if (m.reader == NULL || pb_json_reader_get_value_type (m.reader) != PB_JSON_OBJECT)
    {
      g_debug ("Cannot export connection %s: %s", pb_connection_get_ref (connection),
               local_error != NULL ? local_error->message : "not an object");
      g_set_error (error, PB_PARSE_ERROR, PB_PARSE_ERROR_STRUCTURE,
                   _("The connection “%s” cannot be exported: its data is not complete."),
                   pb_connection_get_name (connection) != NULL
                   ? pb_connection_get_name (connection) : "");
      pb_json_reader_free (m.reader);
      return NULL;
    }

  if (include_secrets)
    {
      pb_json_reader_free (m.reader);
      return g_strdup (json);
    }

  return mask_with_reader (&m, json);
}

/* }}} */

/* Compact JSON text pretty-printed with its tokens as they are: a number no C type holds
 * (a revision of 2^64) stays as received, where json-glib would change it. */
static char *
to_pretty_text (const char *compact)
{
  g_autofree char *pretty = pb_json_text_pretty (compact);

  g_return_val_if_fail (pretty != NULL, NULL);

  return g_strconcat (pretty, "\n", NULL);
}

char *
pb_export_connections (GPtrArray  *connections,
                       gboolean    include_secrets,
                       GError    **error)
{
  g_autoptr(GString) compact = NULL;

  g_return_val_if_fail (connections != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  compact = g_string_new ("{\"items\":[");
  for (guint i = 0; i < connections->len; i++)
    {
      g_autofree char *text = connection_to_text (g_ptr_array_index (connections, i),
                                                  include_secrets, error);

      if (text == NULL)
        return NULL;
      if (i > 0)
        g_string_append_c (compact, ',');
      g_string_append (compact, text);
    }
  g_string_append (compact, "]}");

  return to_pretty_text (compact->str);
}

char *
pb_export_connection_compact (PbConnection  *connection,
                              gboolean       include_secrets,
                              GError       **error)
{
  g_return_val_if_fail (PB_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return connection_to_text (connection, include_secrets, error);
}

char *
pb_export_connection (PbConnection  *connection,
                      gboolean       include_secrets,
                      GError       **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (PB_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = connection_to_text (connection, include_secrets, error);
  if (text == NULL)
    return NULL;

  return to_pretty_text (text);
}

/* }}} */
