/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-outbound-request"

#include "config.h"

#include <string.h>

#include "pb-connection.h"
#include "pb-json-reader.h"
#include "pb-mapping.h"
#include "pb-name-value.h"
#include "pb-outbound-request.h"
#include "pb-placeholders.h"
#include "pb-secret.h"

/* {{{ Placeholders */

GHashTable *
pb_connection_dup_example_values (PbConnection *connection)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GListModel *mappings;
  guint n;

  g_return_val_if_fail (PB_IS_CONNECTION (connection), values);

  mappings = pb_connection_get_input_mappings (connection);
  n = mappings != NULL ? g_list_model_get_n_items (mappings) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbInputMapping) mapping = g_list_model_get_item (mappings, i);
      const char *key = pb_input_mapping_get_key (mapping);
      const char *example = pb_input_mapping_get_example_value (mapping);

      /* The first mapping of a key wins, as the first one is what the page shows first. */
      if (key != NULL && *key != '\0' && example != NULL && *example != '\0'
          && !g_hash_table_contains (values, key))
        g_hash_table_insert (values, g_strdup (key), g_strdup (example));
    }

  return values;
}

GStrv
pb_connection_dup_placeholders (PbConnection *connection)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (PB_IS_CONNECTION (connection), g_new0 (char *, 1));

  pb_placeholders_add_names (names, seen, pb_connection_get_connection_url (connection));
  /* Values only: the test fills in values, never names. */
  pb_placeholders_add_table_names (names, seen, pb_connection_get_url_parameters (connection),
                                   FALSE);
  pb_placeholders_add_table_names (names, seen, pb_connection_get_custom_headers (connection),
                                   FALSE);
  pb_placeholders_add_names (names, seen, pb_connection_get_request_body (connection));
  g_ptr_array_add (names, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

gboolean
pb_connection_test_has_effects (PbConnection *connection)
{
  const char *method;

  g_return_val_if_fail (PB_IS_CONNECTION (connection), TRUE);

  method = pb_connection_get_request_type (connection);
  if (pb_connection_get_system_kind (connection) == PB_SYSTEM_KIND_DESTINATION)
    return TRUE;

  /* No method is sent as GET. */
  return method != NULL && *method != '\0' && g_ascii_strcasecmp (method, "GET") != 0
         && g_ascii_strcasecmp (method, "HEAD") != 0;
}

/* {{{ Filling */

static void
append_json_string_content (GString    *out,
                            const char *value)
{
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = (guchar)*p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
}

static void
append_url_part (GString    *out,
                 const char *value)
{
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar c = (guchar)*p;

      if (c <= 0x20 || c >= 0x7f || strchr ("\"#<>\\^`{|}", c) != NULL)
        g_string_append_printf (out, "%%%02X", c);
      else
        g_string_append_c (out, c);
    }
}

static void
append_text (GString    *out,
             const char *value)
{
  for (const char *p = value; *p != '\0'; p++)
    g_string_append_c (out, *p == '\r' || *p == '\n' ? ' ' : *p);
}

/* For each placeholder span of a JSON text: whether it stands inside a string. */
static gboolean *
find_spans_in_strings (const char *text,
                       GArray     *spans)
{
  gboolean *inside = g_new0 (gboolean, spans->len);
  gboolean in_string = FALSE;
  guint next = 0;

  for (gsize i = 0; text[i] != '\0' && next < spans->len; i++)
    {
      PbTextSpan *span = &g_array_index (spans, PbTextSpan, next);

      if (i == span->start)
        {
          /* A placeholder holds no quote or backslash: step over it. */
          inside[next++] = in_string;
          i = span->end - 1;
        }
      else if (in_string && text[i] == '\\' && text[i + 1] != '\0')
        i++;
      else if (text[i] == '"')
        in_string = !in_string;
    }

  return inside;
}

char *
pb_placeholders_fill (const char *text,
                      GHashTable *values,
                      PbFillMode  mode)
{
  g_autoptr(GArray) spans = NULL;
  g_autofree gboolean *in_string = NULL;
  GString *out;
  gsize copied = 0;

  if (text == NULL)
    return NULL;
  if (values == NULL)
    return g_strdup (text);

  spans = pb_json_text_find_placeholders (text);
  if (mode == PB_FILL_BODY && spans->len > 0
      && pb_json_text_check (text, strlen (text), PB_JSON_CHECK_ALLOW_PLACEHOLDERS, NULL))
    in_string = find_spans_in_strings (text, spans);

  out = g_string_sized_new (strlen (text));
  for (guint i = 0; i < spans->len; i++)
    {
      PbTextSpan *span = &g_array_index (spans, PbTextSpan, i);
      g_autofree char *name = g_strndup (text + span->start + 2, span->end - span->start - 3);
      const char *value = g_hash_table_lookup (values, name);

      if (value == NULL)
        continue;

      g_string_append_len (out, text + copied, span->start - copied);
      copied = span->end;
      if (mode == PB_FILL_URL)
        append_url_part (out, value);
      else if (mode == PB_FILL_TEXT)
        append_text (out, value);
      else if (in_string != NULL && in_string[i])
        append_json_string_content (out, value);
      else
        g_string_append (out, value);
    }
  g_string_append (out, text + copied);

  return g_string_free (out, FALSE);
}

/* }}} */
/* }}} */
/* {{{ The request */

static char *
escape_query_part (const char *text)
{
  /* ${placeholders} stay as they are. */
  return g_uri_escape_string (text != NULL ? text : "", "${}", FALSE);
}

/* The connection URL, filled, with the {name, value} URL parameters added to its query; the
 * values of parameters whose name looks secret are masked unless include_secrets. */
static char *
build_url (PbConnection *connection,
           GHashTable   *values,
           gboolean      include_secrets)
{
  GListModel *parameters = pb_connection_get_url_parameters (connection);
  g_autofree char *url = NULL;
  const char *fragment;
  GString *out;
  guint n;

  url = pb_placeholders_fill (pb_connection_get_connection_url (connection), values,
                              PB_FILL_URL);
  if (url == NULL)
    url = g_strdup ("");
  if (!include_secrets)
    {
      char *masked = pb_secret_mask_url (url);

      g_free (url);
      url = masked;
    }

  n = parameters != NULL ? g_list_model_get_n_items (parameters) : 0;
  fragment = strchr (url, '#');
  out = g_string_new_len (url, fragment != NULL ? fragment - url : (gssize)strlen (url));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbNameValue) item = g_list_model_get_item (parameters, i);
      const char *name = pb_name_value_get_name (item);
      g_autofree char *filled = NULL;
      g_autofree char *escaped_name = NULL;
      g_autofree char *value = NULL;

      if (name == NULL || *name == '\0')
        continue;

      filled = pb_placeholders_fill (pb_name_value_get_value (item), values, PB_FILL_TEXT);
      escaped_name = escape_query_part (name);
      if (!include_secrets && pb_secret_name_looks_secret (name))
        value = pb_secret_mask (filled);
      else
        value = escape_query_part (filled);
      g_string_append_c (out, strchr (out->str, '?') != NULL ? '&' : '?');
      g_string_append_printf (out, "%s=%s", escaped_name, value != NULL ? value : "");
    }

  if (fragment != NULL)
    g_string_append (out, fragment);

  return g_string_free (out, FALSE);
}

PbOutboundRequest *
pb_outbound_request_new (PbConnection *connection,
                         GHashTable   *values,
                         gboolean      include_secrets)
{
  PbOutboundRequest *self;
  GListModel *headers;
  const char *method;
  guint n;

  g_return_val_if_fail (PB_IS_CONNECTION (connection), NULL);

  self = g_new0 (PbOutboundRequest, 1);

  method = pb_connection_get_request_type (connection);
  self->method = g_strdup (method != NULL && *method != '\0' ? method : "GET");
  self->url = build_url (connection, values, include_secrets);

  self->headers = g_ptr_array_new_with_free_func (g_object_unref);
  headers = pb_connection_get_custom_headers (connection);
  n = headers != NULL ? g_list_model_get_n_items (headers) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbNameValue) item = g_list_model_get_item (headers, i);
      const char *name = pb_name_value_get_name (item);
      g_autofree char *value = NULL;

      if (name == NULL || *name == '\0')
        continue;

      value = pb_placeholders_fill (pb_name_value_get_value (item), values, PB_FILL_TEXT);
      if (!include_secrets && pb_secret_name_looks_secret (name))
        {
          char *masked = pb_secret_mask (value);

          g_free (value);
          value = masked;
        }
      g_ptr_array_add (self->headers, pb_name_value_new (name, value));
    }

  self->body = pb_placeholders_fill (pb_connection_get_request_body (connection), values,
                                     PB_FILL_BODY);
  if (self->body != NULL && !include_secrets)
    {
      char *masked = pb_secret_mask_json_text (self->body);

      g_free (self->body);
      self->body = masked;
    }
  if (self->body != NULL && *self->body == '\0')
    g_clear_pointer (&self->body, g_free);

  return self;
}

void
pb_outbound_request_free (PbOutboundRequest *self)
{
  if (self == NULL)
    return;

  g_free (self->method);
  g_free (self->url);
  g_clear_pointer (&self->headers, g_ptr_array_unref);
  g_free (self->body);
  g_free (self);
}

/* }}} */
/* {{{ The body of the test call */

typedef struct
{
  PbJsonReader *reader;
  const char   *text;
  GString      *out;
  gsize         copied; /* how much of `text` is in `out` */
  GHashTable   *values;
} Filler;

/* Replaces the string under the cursor by its filled text, when that changes it. */
static void
fill_string (Filler     *f,
             PbFillMode  mode)
{
  g_autofree char *value = NULL;
  g_autofree char *filled = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *quoted = NULL;
  PbTextSpan span;

  if (pb_json_reader_get_value_type (f->reader) != PB_JSON_STRING)
    return;

  value = pb_json_reader_dup_string (f->reader);
  filled = pb_placeholders_fill (value, f->values, mode);
  if (strcmp (filled, value) == 0 || !pb_json_reader_get_value_span (f->reader, &span))
    return;

  node = json_node_init_string (json_node_alloc (), filled);
  quoted = json_to_string (node, FALSE);
  g_string_append_len (f->out, f->text + f->copied, span.start - f->copied);
  g_string_append (f->out, quoted);
  f->copied = span.end;
}

/* The "value" of each {name, value} item of the array under the cursor. */
static void
fill_item_values (Filler *f)
{
  if (pb_json_reader_get_value_type (f->reader) != PB_JSON_ARRAY)
    return;

  for (gboolean more = pb_json_reader_start_array (f->reader); more;
       more = pb_json_reader_next (f->reader))
    {
      if (pb_json_reader_get_value_type (f->reader) != PB_JSON_OBJECT)
        continue;

      for (gboolean member = pb_json_reader_start_object (f->reader); member;
           member = pb_json_reader_next (f->reader))
        if (pb_json_reader_member_is (f->reader, "value", -1))
          fill_string (f, PB_FILL_TEXT);
      pb_json_reader_end (f->reader);
    }
  pb_json_reader_end (f->reader);
}

static void
fill_request (Filler *f)
{
  if (pb_json_reader_get_value_type (f->reader) != PB_JSON_OBJECT)
    return;

  for (gboolean more = pb_json_reader_start_object (f->reader); more;
       more = pb_json_reader_next (f->reader))
    {
      if (pb_json_reader_member_is (f->reader, "connectionUrl", -1))
        fill_string (f, PB_FILL_URL);
      else if (pb_json_reader_member_is (f->reader, "requestBody", -1))
        fill_string (f, PB_FILL_BODY);
    }
  pb_json_reader_end (f->reader);
}

/* The connection's text with its placeholders filled, every other byte as it is. */
static char *
fill_connection_text (const char *json,
                      GHashTable *values)
{
  g_autoptr(GError) error = NULL;
  Filler f = { NULL };

  f.reader = pb_json_reader_new (json, strlen (json), PB_JSON_CHECK_DEFAULT, &error);
  if (f.reader == NULL || pb_json_reader_get_value_type (f.reader) != PB_JSON_OBJECT)
    {
      g_debug ("Not filling the placeholders of a connection that is no object: %s",
               error != NULL ? error->message : "not an object");
      pb_json_reader_free (f.reader);
      return g_strdup (json);
    }

  f.text = json;
  f.values = values;
  f.out = g_string_sized_new (strlen (json));
  for (gboolean more = pb_json_reader_start_object (f.reader); more;
       more = pb_json_reader_next (f.reader))
    {
      if (pb_json_reader_member_is (f.reader, "request", -1))
        fill_request (&f);
      else if (pb_json_reader_member_is (f.reader, "customHeaders", -1)
               || pb_json_reader_member_is (f.reader, "urlParameters", -1))
        fill_item_values (&f);
    }
  pb_json_reader_end (f.reader);
  g_string_append (f.out, json + f.copied);
  pb_json_reader_free (f.reader);

  return g_string_free (f.out, FALSE);
}

char *
pb_connection_dup_test_body (PbConnection *connection,
                             GHashTable   *values)
{
  g_autofree char *filled = NULL;
  const char *json;

  g_return_val_if_fail (PB_IS_CONNECTION (connection), NULL);

  json = pb_connection_get_json (connection);
  if (json == NULL || *json == '\0')
    json = "{}";
  if (values != NULL)
    json = filled = fill_connection_text (json, values);

  /* The object exactly as the server sent it, but for the placeholders filled in. */
  return g_strconcat ("{\"connection\":", json, "}", NULL);
}

/* }}} */
