/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-demo-handlers"

#include "config.h"

#include <string.h>

#include "pb-demo-server-private.h"

/* The answers of PbDemoServer to each request of the API, as api.md describes them. Every
 * answer is written by json-glib; a page joins the texts of its items, written by it before. */

#define DEFAULT_LIMIT 10
#define MAX_LIMIT     100
#define MORE_INFO_URL "https://doc.sitecore.com/personalize/en/developers/api/index-en.html"

/* {{{ Answers */

static void
answer_json (SoupServerMessage *msg,
             guint              status,
             char              *body /* owned */)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body,
                                    strlen (body));
}

/* Ends the builder's document and writes it. */
static char *
builder_to_text (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

void
_pb_demo_add_string (JsonBuilder *builder,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

void
_pb_demo_add_int (JsonBuilder *builder,
                  const char  *name,
                  gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
_pb_demo_add_boolean (JsonBuilder *builder,
                      const char  *name,
                      gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static char *
build_error_body (guint       status,
                  gint64      code,
                  const char *message,
                  const char *developer_message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  _pb_demo_add_int (builder, "status", status);
  _pb_demo_add_int (builder, "code", code);
  _pb_demo_add_string (builder, "message", message);
  _pb_demo_add_string (builder, "developerMessage", developer_message);
  _pb_demo_add_string (builder, "moreInfo", MORE_INFO_URL);
  json_builder_end_object (builder);

  return builder_to_text (builder);
}

void
_pb_demo_answer_error (SoupServerMessage *msg,
                       guint              status,
                       gint64             code,
                       const char        *message,
                       const char        *developer_message)
{
  answer_json (msg, status, build_error_body (status, code, message, developer_message));
}

/* The error body a status answers with when nothing more specific is known. */
static char *
build_default_error_body (guint status)
{
  static const struct {
    guint       status;
    const char *message;
    const char *developer_message;
  } known[] = {
    { 400, "The request is not valid.", "Bad request." },
    { 401, "The access token is missing, expired or not valid.",
      "Unauthorized: send a valid bearer token." },
    { 403, "The API key does not have permission to do this.",
      "Forbidden: the token lacks the scope for connections." },
    { 404, "The resource was not found.", "Not found." },
    { 409, "The resource was changed by someone else.", "Conflict." },
    { 415, "The request body must be JSON.",
      "Unsupported media type: send Content-Type: application/json." },
    { 429, "Too many requests. Try again in a moment.", "Rate limit exceeded." },
    { 500, "An unexpected error occurred on the server.", "Internal server error." },
    { 502, "The server received a bad answer from an upstream service.", "Bad gateway." },
    { 503, "The service is temporarily unavailable. Please retry, the servers are clustered.",
      "Service unavailable." },
    { 504, "The server timed out waiting for an upstream service.", "Gateway timeout." },
  };
  const char *message = soup_status_get_phrase (status);

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (known[i].status == status)
      return build_error_body (status, (gint64) status * 10, known[i].message,
                               known[i].developer_message);

  if (message == NULL || *message == '\0')
    message = "The request failed.";

  return build_error_body (status, (gint64) status * 10, message, message);
}

static const char *
guess_content_type (const char *body)
{
  while (*body == ' ' || *body == '\t' || *body == '\r' || *body == '\n')
    body++;

  if (*body == '{' || *body == '[')
    return "application/json";
  if (*body == '<')
    return "text/html; charset=utf-8";
  return "text/plain; charset=utf-8";
}

void
_pb_demo_answer_status (SoupServerMessage *msg,
                        guint              status)
{
  answer_json (msg, status, build_default_error_body (status));
}

void
_pb_demo_answer_failure (PbDemoServer      *self,
                         SoupServerMessage *msg)
{
  if (self->fail_body == NULL)
    {
      answer_json (msg, self->fail_status, build_default_error_body (self->fail_status));
      return;
    }

  soup_server_message_set_status (msg, self->fail_status, NULL);
  soup_server_message_set_response (msg, guess_content_type (self->fail_body),
                                    SOUP_MEMORY_COPY, self->fail_body,
                                    strlen (self->fail_body));
}

static void
answer_item (PbDemoServer      *self,
             SoupServerMessage *msg,
             guint              status,
             PbDemoItem        *item)
{
  GString *out = g_string_sized_new (item->head_len + item->tail_len + 64);

  _pb_demo_item_append (self, item, out);
  answer_json (msg, status, g_string_free (out, FALSE));
}

static void
answer_unknown_ref (SoupServerMessage *msg,
                    const char        *ref)
{
  g_autofree char *detail = g_strdup_printf ("Not found: no connection with ref “%s”.", ref);

  _pb_demo_answer_error (msg, 404, 4040,
                         "The connection was not found. It may have been deleted.", detail);
}

/* }}} */
/* {{{ Request bodies */

static gboolean
check_json_content_type (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *type = soup_message_headers_get_content_type (headers, NULL);

  if (type != NULL && g_ascii_strcasecmp (type, "application/json") == 0)
    return TRUE;

  _pb_demo_answer_error (msg, 415, 4150, "The request body must be JSON.",
                         type == NULL
                         ? "Unsupported media type: the Content-Type header is missing; "
                           "send Content-Type: application/json."
                         : "Unsupported media type: send Content-Type: application/json.");
  return FALSE;
}

/* The request body as a JSON object; answers 400 and returns NULL when it is not one. */
static JsonObject *
read_body_object (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  if (length == 0 || data == NULL)
    {
      _pb_demo_answer_error (msg, 400, 4001, "The request has no body.",
                             "Bad request: expected a JSON object in the request body.");
      return NULL;
    }

  if (!g_utf8_validate_len (data, length, NULL))
    {
      _pb_demo_answer_error (msg, 400, 4002, "The request body is not valid text.",
                             "Bad request: the request body is not UTF-8.");
      return NULL;
    }

  root = _pb_demo_parse (data, length, &error);
  if (root == NULL)
    {
      g_autofree char *detail = g_strdup_printf ("Bad request: the request body is not JSON "
                                                 "(%s).", error->message);

      _pb_demo_answer_error (msg, 400, 4003, "The request body is not valid JSON.", detail);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      _pb_demo_answer_error (msg, 400, 4004, "The request body must be a JSON object.",
                             "Bad request: expected a JSON object in the request body.");
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

static gboolean
is_filled_string (JsonObject *object,
                  const char *member)
{
  const char *value = _pb_demo_lookup_string (object, member);

  return value != NULL && *value != '\0';
}

/* Answers 400 naming what a connection lacks; TRUE when nothing is missing. */
static gboolean
validate_connection (SoupServerMessage *msg,
                     JsonObject        *object)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autofree char *list = NULL;
  g_autofree char *message = NULL;
  g_autofree char *detail = NULL;

  if (!is_filled_string (object, "name"))
    g_ptr_array_add (missing, "name");
  if (_pb_demo_lookup (object, "auth", JSON_NODE_OBJECT) == NULL)
    g_ptr_array_add (missing, "auth");
  if (_pb_demo_lookup (object, "request", JSON_NODE_OBJECT) == NULL)
    g_ptr_array_add (missing, "request");
  if (!is_filled_string (object, "systemType"))
    g_ptr_array_add (missing, "systemType");

  if (missing->len == 0)
    return TRUE;

  g_ptr_array_add (missing, NULL);
  list = g_strjoinv (", ", (char **) missing->pdata);
  message = g_strdup_printf ("The connection is missing required fields: %s.", list);
  detail = g_strdup_printf ("Validation failed: required fields missing or empty "
                            "(name: string, auth: object, request: object, "
                            "systemType: string): %s.", list);
  _pb_demo_answer_error (msg, 400, 4010, message, detail);

  return FALSE;
}

/* }}} */
/* {{{ The collection and its connections */

void
_pb_demo_handle_list (PbDemoServer      *self,
                      SoupServerMessage *msg,
                      GHashTable        *query)
{
  static const char *const names[] = { "offset", "limit" };
  guint64 values[] = { 0, DEFAULT_LIMIT };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *href = NULL;
  g_autofree char *envelope = NULL;
  GString *out;
  guint64 end;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *text = query ? g_hash_table_lookup (query, names[i]) : NULL;
      g_autoptr(GError) error = NULL;

      if (text == NULL
          || g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &values[i], &error))
        continue;

      {
        g_autofree char *message = g_strdup_printf ("The “%s” parameter must be a whole "
                                                    "number of zero or more.", names[i]);
        g_autofree char *detail = g_strdup_printf ("Bad request: %s=%s: %s",
                                                   names[i], text, error->message);

        _pb_demo_answer_error (msg, 400, 4020, message, detail);
        return;
      }
    }

  values[1] = CLAMP (values[1], 1, MAX_LIMIT);
  end = MIN (values[0] + values[1], (guint64) self->items->len);

  /* The page without its items, then the items' texts in its empty array. */
  href = g_strconcat (self->base_url ? self->base_url : "", PB_DEMO_COLLECTION_PATH, NULL);
  json_builder_begin_object (builder);
  _pb_demo_add_string (builder, "href", href);
  _pb_demo_add_int (builder, "offset", values[0]);
  _pb_demo_add_int (builder, "limit", values[1]);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  envelope = builder_to_text (builder);
  g_assert (g_str_has_suffix (envelope, "[]}"));

  out = g_string_sized_new (256 + (end - MIN (end, values[0])) * 1024);
  g_string_append_len (out, envelope, strlen (envelope) - 2);
  for (guint64 i = values[0]; i < end; i++)
    {
      if (i > values[0])
        g_string_append_c (out, ',');
      _pb_demo_item_append (self, g_ptr_array_index (self->items, i), out);
    }
  g_string_append (out, "]}");

  answer_json (msg, 200, g_string_free (out, FALSE));
}

void
_pb_demo_handle_get (PbDemoServer      *self,
                     SoupServerMessage *msg,
                     const char        *ref)
{
  PbDemoItem *item = g_hash_table_lookup (self->by_ref, ref);

  if (item == NULL)
    answer_unknown_ref (msg, ref);
  else
    answer_item (self, msg, 200, item);
}

/* Stores what a create or update sent and answers it as stored. */
static void
store_and_answer (PbDemoServer      *self,
                  SoupServerMessage *msg,
                  JsonObject        *body,
                  const char        *ref,
                  gint64             revision,
                  const char        *client_key)
{
  g_autoptr(JsonObject) object = NULL;
  PbDemoItem *item;

  object = _pb_demo_store_build_object (self, body, ref, revision, client_key);
  item = _pb_demo_item_new (self, object);
  g_assert (item != NULL);
  _pb_demo_store_put (self, item);
  g_debug ("Stored connection %s at revision %" G_GINT64_FORMAT, ref, revision);

  answer_item (self, msg, 201, item);
}

void
_pb_demo_handle_create (PbDemoServer      *self,
                        SoupServerMessage *msg)
{
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *ref = NULL;

  if (!check_json_content_type (msg))
    return;
  if ((body = read_body_object (msg)) == NULL)
    return;
  if (!validate_connection (msg, body))
    return;

  ref = g_uuid_string_random ();
  store_and_answer (self, msg, body, ref, 1, NULL);
}

void
_pb_demo_handle_update (PbDemoServer      *self,
                        SoupServerMessage *msg,
                        const char        *ref)
{
  g_autoptr(JsonObject) body = NULL;
  PbDemoItem *old;

  if (!check_json_content_type (msg))
    return;

  old = g_hash_table_lookup (self->by_ref, ref);
  if (old == NULL)
    {
      answer_unknown_ref (msg, ref);
      return;
    }

  if ((body = read_body_object (msg)) == NULL)
    return;
  if (!validate_connection (msg, body))
    return;

  store_and_answer (self, msg, body, ref, old->revision + 1, old->client_key);
}

/* }}} */
/* {{{ Testing a connection */

/* Replaces ${key} placeholders by the example values of the input mappings. */
static char *
fill_placeholders (const char *text,
                   JsonArray  *mappings)
{
  GString *out = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      const char *start = strstr (p, "${");
      const char *end;
      g_autofree char *key = NULL;
      const char *value = NULL;

      if (start == NULL || (end = strchr (start + 2, '}')) == NULL)
        {
          g_string_append (out, p);
          break;
        }

      g_string_append_len (out, p, start - p);
      key = g_strndup (start + 2, end - start - 2);

      for (guint i = 0; mappings != NULL && i < json_array_get_length (mappings); i++)
        {
          JsonNode *node = json_array_get_element (mappings, i);

          if (JSON_NODE_HOLDS_OBJECT (node)
              && g_strcmp0 (_pb_demo_lookup_string (json_node_get_object (node), "key"),
                            key) == 0)
            {
              value = _pb_demo_lookup_string (json_node_get_object (node), "exampleValue");
              break;
            }
        }

      if (value != NULL)
        g_string_append (out, value);
      else
        g_string_append_len (out, start, end - start + 1);
      p = end + 1;
    }

  return g_string_free (out, FALSE);
}

static JsonArray *
lookup_array (JsonObject *object,
              const char *path)
{
  JsonNode *node = _pb_demo_lookup (object, path, JSON_NODE_ARRAY);

  return node != NULL ? json_node_get_array (node) : NULL;
}

/* What the outside service would plausibly answer: reads answer 200, sends are accepted. */
static guint
plausible_status (const char *method)
{
  if (g_ascii_strcasecmp (method, "GET") == 0 || g_ascii_strcasecmp (method, "PUT") == 0)
    return 200;
  if (g_ascii_strcasecmp (method, "POST") == 0)
    return 202;
  return 405;
}

/* The headers the request would send: the connection's own, and a correlation id. */
static void
add_sent_headers (JsonBuilder *builder,
                  JsonObject  *connection)
{
  JsonArray *headers = lookup_array (connection, "customHeaders");
  g_autofree char *correlation_id = g_uuid_string_random ();

  json_builder_set_member_name (builder, "headers");
  json_builder_begin_object (builder);
  for (guint i = 0; headers != NULL && i < json_array_get_length (headers); i++)
    {
      JsonNode *node = json_array_get_element (headers, i);
      const char *name;
      const char *value;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      name = _pb_demo_lookup_string (json_node_get_object (node), "name");
      value = _pb_demo_lookup_string (json_node_get_object (node), "value");
      if (name == NULL || *name == '\0' || value == NULL
          || g_ascii_strcasecmp (name, "X-Correlation-Id") == 0)
        continue;
      _pb_demo_add_string (builder, name, value);
    }
  _pb_demo_add_string (builder, "X-Correlation-Id", correlation_id);
  json_builder_end_object (builder);
}

void
_pb_demo_handle_test (PbDemoServer      *self,
                      SoupServerMessage *msg)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *url = NULL;
  JsonNode *connection_node;
  JsonObject *connection;
  JsonArray *mappings;
  const char *method;
  const char *connection_url;
  const char *request_body;

  if (!check_json_content_type (msg))
    return;
  if ((body = read_body_object (msg)) == NULL)
    return;

  connection_node = _pb_demo_lookup (body, "connection", JSON_NODE_OBJECT);
  if (connection_node == NULL)
    {
      _pb_demo_answer_error (msg, 400, 4030, "The request must hold the connection to test.",
                             "Bad request: expected {\"connection\": {…}}.");
      return;
    }
  connection = json_node_get_object (connection_node);

  connection_url = _pb_demo_lookup_string (connection, "request.connectionUrl");
  if (connection_url == NULL || *connection_url == '\0')
    {
      _pb_demo_answer_error (msg, 400, 4031, "The connection has no address to call.",
                             "Validation failed: request.connectionUrl is missing or empty.");
      return;
    }

  mappings = lookup_array (connection, "inputMappings");
  url = fill_placeholders (connection_url, mappings);
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL
      || (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0
          && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0)
      || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_autofree char *detail = g_strdup_printf ("Validation failed: request.connectionUrl "
                                                 "“%s” is not an http(s) URL.", url);

      _pb_demo_answer_error (msg, 400, 4032, "The address of the connection is not valid.",
                             detail);
      return;
    }

  method = _pb_demo_lookup_string (connection, "request.requestType");
  if (method == NULL)
    method = "GET";

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  _pb_demo_add_int (builder, "statusCode", plausible_status (method));
  /* A repeatable, plausible duration for the same address. */
  _pb_demo_add_int (builder, "executionTimeInMilliseconds", 80 + g_str_hash (url) % 640);
  json_builder_set_member_name (builder, "request");
  json_builder_begin_object (builder);
  _pb_demo_add_string (builder, "method", method);
  _pb_demo_add_string (builder, "url", url);
  add_sent_headers (builder, connection);
  request_body = _pb_demo_lookup_string (connection, "request.requestBody");
  if (request_body != NULL && g_ascii_strcasecmp (method, "GET") != 0)
    {
      g_autofree char *filled = fill_placeholders (request_body, mappings);

      _pb_demo_add_string (builder, "body", filled);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  answer_json (msg, 200, builder_to_text (builder));
}

/* }}} */
