/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-demo-server"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "pb-core-resources.h"
#include "pb-demo-server.h"

#define DEMO_DATA_PATH     RESOURCE_BASE "/demo/connections.json"
#define COLLECTION_PATH    "/v2/connections"
#define TEST_PATH_SEGMENT  "testConnection"
#define DEFAULT_LIMIT      10
#define MAX_LIMIT          100
#define MORE_INFO_URL      "https://doc.sitecore.com/personalize/en/developers/api/index-en.html"
#define DEMO_USER_REF      "8d3f6a2e-5b1c-4e7a-9f0d-2c4b6e8a1d3f"

/* One stored connection. Its compact JSON text is kept split around the base URL of its href
 * ("…"href":"" + base URL + "/v2/connections/<ref>"…"), so that pages are built by
 * concatenation whatever the base URL turns out to be. */
typedef struct
{
  char   *ref;
  char   *head;
  gsize   head_len;
  char   *tail;
  gsize   tail_len;
  gint64  revision;
} PbDemoItem;

/* An answer held back by the latency setting. */
typedef struct
{
  PbDemoServer      *self;
  SoupServerMessage *msg;
  GSource           *source;
  gulong             finished_id;
} PbDelayedAnswer;

struct _PbDemoServer
{
  GObject       parent_instance;

  GMainContext *context;
  SoupServer   *server;
  char         *base_url;
  guint         port;

  char         *token;
  char         *client_key;
  char         *sentinel;   /* stands for the base URL inside a serialized item */

  GPtrArray    *items;      /* PbDemoItem, in order */
  GHashTable   *by_ref;     /* ref → PbDemoItem (owned by items) */

  guint         latency;
  GPtrArray    *delayed;    /* PbDelayedAnswer */

  guint         fail_status;
  char         *fail_body;
  guint         fail_count;

  guint         n_requests;
};

G_DEFINE_FINAL_TYPE (PbDemoServer, pb_demo_server, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_PORT,
  PROP_TOKEN,
  PROP_LATENCY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Items */

static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}


static void
pb_demo_item_free (PbDemoItem *item)
{
  g_free (item->ref);
  g_free (item->head);
  g_free (item->tail);
  g_free (item);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PbDemoItem, pb_demo_item_free)

/* Splits a serialized item at its href, which must hold the sentinel in place of the base URL. */
static PbDemoItem *
pb_demo_item_new_split (PbDemoServer *self,
                        const char   *ref,
                        const char   *text,
                        gint64        revision)
{
  g_autofree char *needle = g_strconcat ("\"href\":\"", self->sentinel, NULL);
  const char *found = strstr (text, needle);
  PbDemoItem *item;

  if (found == NULL)
    return NULL;

  found += strlen ("\"href\":\"");
  item = g_new0 (PbDemoItem, 1);
  item->ref = g_strdup (ref);
  item->head_len = found - text;
  item->head = g_strndup (text, item->head_len);
  item->tail = g_strdup (found + strlen (self->sentinel));
  item->tail_len = strlen (item->tail);
  item->revision = revision;
  return item;
}

/* Takes a connection object (changing its href) and makes an item of it. */
static PbDemoItem *
pb_demo_item_new_from_object (PbDemoServer *self,
                              JsonObject   *object)
{
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *href = NULL;
  g_autofree char *text = NULL;
  const char *ref;
  gint64 revision = 0;
  JsonNode *node;

  ref = get_string_member (object, "ref");
  if (ref == NULL || *ref == '\0')
    return NULL;

  node = json_object_get_member (object, "revision");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_INT64)
    revision = json_node_get_int (node);

  href = g_strconcat (self->sentinel, COLLECTION_PATH "/", ref, NULL);
  json_object_set_string_member (object, "href", href);

  root = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (root, object);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  return pb_demo_item_new_split (self, ref, text, revision);
}

static void
pb_demo_item_append (PbDemoServer *self,
                     PbDemoItem   *item,
                     GString      *out)
{
  g_string_append_len (out, item->head, item->head_len);
  g_string_append (out, self->base_url ? self->base_url : "");
  g_string_append_len (out, item->tail, item->tail_len);
}

/* Adds the item, or replaces the one with the same ref where it stands. Takes the item. */
static void
store_item (PbDemoServer *self,
            PbDemoItem   *item)
{
  PbDemoItem *old = g_hash_table_lookup (self->by_ref, item->ref);

  if (old != NULL)
    {
      guint index;

      if (g_ptr_array_find (self->items, old, &index))
        {
          g_hash_table_remove (self->by_ref, old->ref);
          self->items->pdata[index] = item;
          pb_demo_item_free (old);
          g_hash_table_insert (self->by_ref, item->ref, item);
          return;
        }
    }

  g_ptr_array_add (self->items, item);
  g_hash_table_insert (self->by_ref, item->ref, item);
}

static void
clear_items (PbDemoServer *self)
{
  g_hash_table_remove_all (self->by_ref);
  g_ptr_array_set_size (self->items, 0);
}

/* Small helpers */

static char *
new_uuid (void)
{
  return g_uuid_string_random ();
}

static char *
random_key (guint length)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  GString *key = g_string_sized_new (length);

  for (guint i = 0; i < length; i++)
    g_string_append_c (key, alphabet[g_random_int_range (0, sizeof alphabet - 1)]);

  return g_string_free (key, FALSE);
}

static char *
format_timestamp (GDateTime *when)
{
  g_autofree char *seconds = g_date_time_format (when, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (when) / 1000);
}

static char *
now_timestamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return format_timestamp (now);
}

static char *
node_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static gboolean
equal_in_constant_time (const char *a,
                        const char *b)
{
  gsize length = strlen (a);
  guchar diff = 0;

  if (length == 0 || length != strlen (b))
    return FALSE;

  for (gsize i = 0; i < length; i++)
    diff |= (guchar) a[i] ^ (guchar) b[i];

  return diff == 0;
}

/* json-glib parses recursively: a document nested deeper than this would overflow the stack. */
#define MAX_JSON_DEPTH 256

static gboolean
json_depth_ok (const char *data,
               gsize       length)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        {
          in_string = TRUE;
        }
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        {
          depth--;
        }
    }

  return TRUE;
}

/* Answers */

static void
set_json_answer (SoupServerMessage *msg,
                 guint              status,
                 char              *body,
                 gsize              length)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body, length);
}

static char *
build_error_body (guint       status,
                  gint64      code,
                  const char *message,
                  const char *developer_message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, status);
  json_builder_set_member_name (builder, "code");
  json_builder_add_int_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_set_member_name (builder, "developerMessage");
  json_builder_add_string_value (builder, developer_message);
  json_builder_set_member_name (builder, "moreInfo");
  json_builder_add_string_value (builder, MORE_INFO_URL);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return node_to_string (root);
}

static void
answer_error (SoupServerMessage *msg,
              guint              status,
              gint64             code,
              const char        *message,
              const char        *developer_message)
{
  char *body = build_error_body (status, code, message, developer_message);

  set_json_answer (msg, status, body, strlen (body));
}

/* The error body a status answers with when nothing more specific is known. */
static char *
build_default_error_body (guint status)
{
  const char *message;
  const char *developer_message;

  switch (status)
    {
    case 400:
      message = "The request is not valid.";
      developer_message = "Bad request.";
      break;
    case 401:
      message = "The access token is missing, expired or not valid.";
      developer_message = "Unauthorized: send a valid bearer token.";
      break;
    case 403:
      message = "The API key does not have permission to do this.";
      developer_message = "Forbidden: the token lacks the scope for connections.";
      break;
    case 404:
      message = "The resource was not found.";
      developer_message = "Not found.";
      break;
    case 409:
      message = "The resource was changed by someone else.";
      developer_message = "Conflict.";
      break;
    case 415:
      message = "The request body must be JSON.";
      developer_message = "Unsupported media type: send Content-Type: application/json.";
      break;
    case 429:
      message = "Too many requests. Try again in a moment.";
      developer_message = "Rate limit exceeded.";
      break;
    case 500:
      message = "An unexpected error occurred on the server.";
      developer_message = "Internal server error.";
      break;
    case 502:
      message = "The server received a bad answer from an upstream service.";
      developer_message = "Bad gateway.";
      break;
    case 503:
      message = "The service is temporarily unavailable. Please retry, the servers are clustered.";
      developer_message = "Service unavailable.";
      break;
    case 504:
      message = "The server timed out waiting for an upstream service.";
      developer_message = "Gateway timeout.";
      break;
    default:
      message = soup_status_get_phrase (status);
      if (message == NULL || *message == '\0')
        message = "The request failed.";
      developer_message = message;
      break;
    }

  return build_error_body (status, (gint64) status * 10, message, developer_message);
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

static void
answer_failure (PbDemoServer      *self,
                SoupServerMessage *msg)
{
  soup_server_message_set_status (msg, self->fail_status, NULL);

  if (self->fail_body != NULL)
    {
      soup_server_message_set_response (msg, guess_content_type (self->fail_body),
                                        SOUP_MEMORY_COPY, self->fail_body,
                                        strlen (self->fail_body));
    }
  else
    {
      char *body = build_default_error_body (self->fail_status);

      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                        body, strlen (body));
    }
}

static void
answer_item (PbDemoServer      *self,
             SoupServerMessage *msg,
             guint              status,
             PbDemoItem        *item)
{
  GString *out = g_string_sized_new (item->head_len + item->tail_len + 64);
  gsize length;

  pb_demo_item_append (self, item, out);
  length = out->len;
  set_json_answer (msg, status, g_string_free (out, FALSE), length);
}

/* Requests */

static gboolean
check_authorization (PbDemoServer      *self,
                     SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *value = soup_message_headers_get_one (headers, "Authorization");
  g_autofree char *token = NULL;

  if (value == NULL || g_ascii_strncasecmp (value, "Bearer ", 7) != 0)
    return FALSE;

  token = g_strstrip (g_strdup (value + 7));
  return equal_in_constant_time (token, self->token);
}

static gboolean
check_json_content_type (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *type = soup_message_headers_get_content_type (headers, NULL);

  if (type == NULL || g_ascii_strcasecmp (type, "application/json") != 0)
    {
      answer_error (msg, 415, 4150, "The request body must be JSON.",
                    type == NULL
                    ? "Unsupported media type: the Content-Type header is missing; "
                      "send Content-Type: application/json."
                    : "Unsupported media type: send Content-Type: application/json.");
      return FALSE;
    }

  return TRUE;
}

/* Parses the request body as a JSON object; answers 400 and returns NULL when it is not one. */
static JsonObject *
read_body_object (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  JsonNode *root;

  if (length == 0 || data == NULL)
    {
      answer_error (msg, 400, 4001, "The request has no body.",
                    "Bad request: expected a JSON object in the request body.");
      return NULL;
    }

  if (!g_utf8_validate_len (data, length, NULL))
    {
      answer_error (msg, 400, 4002, "The request body is not valid text.",
                    "Bad request: the request body is not UTF-8.");
      return NULL;
    }

  if (!json_depth_ok (data, length))
    {
      answer_error (msg, 400, 4005, "The request body is nested too deeply.",
                    "Bad request: the JSON document is nested more than 256 levels deep.");
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, length, &error))
    {
      g_autofree char *detail = g_strdup_printf ("Bad request: the request body is not JSON (%s).",
                                                 error->message);

      answer_error (msg, 400, 4003, "The request body is not valid JSON.", detail);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      answer_error (msg, 400, 4004, "The request body must be a JSON object.",
                    "Bad request: expected a JSON object in the request body.");
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/* Answers 400 naming what a connection lacks; TRUE when nothing is missing. */
static gboolean
validate_connection (SoupServerMessage *msg,
                     JsonObject        *object)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  JsonNode *node;

  node = json_object_get_member (object, "name");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING
      || *json_node_get_string (node) == '\0')
    g_ptr_array_add (missing, "name");

  node = json_object_get_member (object, "auth");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    g_ptr_array_add (missing, "auth");

  node = json_object_get_member (object, "request");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    g_ptr_array_add (missing, "request");

  node = json_object_get_member (object, "systemType");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING
      || *json_node_get_string (node) == '\0')
    g_ptr_array_add (missing, "systemType");

  if (missing->len > 0)
    {
      g_autofree char *list = NULL;
      g_autofree char *message = NULL;
      g_autofree char *detail = NULL;

      g_ptr_array_add (missing, NULL);
      list = g_strjoinv (", ", (char **) missing->pdata);
      message = g_strdup_printf ("The connection is missing required fields: %s.", list);
      detail = g_strdup_printf ("Validation failed: required fields missing or empty "
                                "(name: string, auth: object, request: object, "
                                "systemType: string): %s.", list);
      answer_error (msg, 400, 4010, message, detail);
      return FALSE;
    }

  return TRUE;
}

static void
set_array_if_missing (JsonObject *object,
                      const char *name)
{
  if (!json_object_has_member (object, name))
    json_object_set_array_member (object, name, json_array_new ());
}

/* Builds what the server stores from a create or update body: the server's fields first when the
 * body has none (as the API answers them), then every member of the body in its order, with the
 * server-owned ones replaced where they stand. */
static JsonObject *
build_stored_object (PbDemoServer *self,
                     JsonObject   *body,
                     const char   *ref,
                     gint64        revision,
                     gboolean      keep_client_key)
{
  JsonObject *object = json_object_new ();
  g_autofree char *now = now_timestamp ();
  const char *client_key = self->client_key;
  g_autoptr(GList) members = NULL;

  if (keep_client_key)
    {
      const char *sent = get_string_member (body, "clientKey");

      if (sent != NULL)
        client_key = sent;
    }

  if (!json_object_has_member (body, "clientKey"))
    json_object_set_string_member (object, "clientKey", client_key);
  if (!json_object_has_member (body, "href"))
    json_object_set_string_member (object, "href", "");
  if (!json_object_has_member (body, "ref"))
    json_object_set_string_member (object, "ref", ref);

  members = json_object_get_members (body);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (g_str_equal (name, "clientKey"))
        json_object_set_string_member (object, name, client_key);
      else if (g_str_equal (name, "href"))
        json_object_set_string_member (object, name, "");
      else if (g_str_equal (name, "ref"))
        json_object_set_string_member (object, name, ref);
      else if (g_str_equal (name, "modifiedAt"))
        json_object_set_string_member (object, name, now);
      else if (g_str_equal (name, "revision"))
        json_object_set_int_member (object, name, revision);
      else if (g_str_equal (name, "modifiedByRef") || g_str_equal (name, "modifiedByUserRef"))
        json_object_set_string_member (object, name, DEMO_USER_REF);
      else
        json_object_set_member (object, name,
                                json_node_copy (json_object_get_member (body, name)));
    }

  if (!json_object_has_member (object, "modifiedByRef")
      && !json_object_has_member (object, "modifiedByUserRef"))
    json_object_set_string_member (object, "modifiedByRef", DEMO_USER_REF);
  if (!json_object_has_member (object, "modifiedAt"))
    json_object_set_string_member (object, "modifiedAt", now);
  if (!json_object_has_member (object, "revision"))
    json_object_set_int_member (object, "revision", revision);
  if (!json_object_has_member (object, "archived"))
    json_object_set_boolean_member (object, "archived", FALSE);
  set_array_if_missing (object, "inputMappings");
  set_array_if_missing (object, "outputMappings");
  set_array_if_missing (object, "customHeaders");
  set_array_if_missing (object, "urlParameters");

  return object;
}

static void
handle_list (PbDemoServer      *self,
             SoupServerMessage *msg,
             GHashTable        *query)
{
  const char *names[] = { "offset", "limit" };
  guint64 values[] = { 0, DEFAULT_LIMIT };
  GString *out;
  guint64 end;
  gsize length;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *text = query ? g_hash_table_lookup (query, names[i]) : NULL;
      g_autoptr(GError) error = NULL;

      if (text == NULL)
        continue;

      if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &values[i], &error))
        {
          g_autofree char *message = g_strdup_printf ("The “%s” parameter must be a whole "
                                                      "number of zero or more.", names[i]);
          g_autofree char *detail = g_strdup_printf ("Bad request: %s=%s: %s",
                                                     names[i], text, error->message);

          answer_error (msg, 400, 4020, message, detail);
          return;
        }
    }

  values[1] = CLAMP (values[1], 1, MAX_LIMIT);
  end = MIN (values[0] + values[1], (guint64) self->items->len);

  out = g_string_sized_new (256);
  g_string_append_printf (out, "{\"href\":\"%s" COLLECTION_PATH "\",\"offset\":%" G_GUINT64_FORMAT
                          ",\"limit\":%" G_GUINT64_FORMAT ",\"items\":[",
                          self->base_url ? self->base_url : "", values[0], values[1]);

  for (guint64 i = values[0]; i < end; i++)
    {
      if (i > values[0])
        g_string_append_c (out, ',');
      pb_demo_item_append (self, g_ptr_array_index (self->items, i), out);
    }

  g_string_append (out, "]}");
  length = out->len;
  set_json_answer (msg, 200, g_string_free (out, FALSE), length);
}

static void
answer_unknown_ref (SoupServerMessage *msg,
                    const char        *ref)
{
  g_autofree char *detail = g_strdup_printf ("Not found: no connection with ref “%s”.", ref);

  answer_error (msg, 404, 4040, "The connection was not found. It may have been deleted.",
                detail);
}

static void
handle_get (PbDemoServer      *self,
            SoupServerMessage *msg,
            const char        *ref)
{
  PbDemoItem *item = g_hash_table_lookup (self->by_ref, ref);

  if (item == NULL)
    answer_unknown_ref (msg, ref);
  else
    answer_item (self, msg, 200, item);
}

static void
handle_create (PbDemoServer      *self,
               SoupServerMessage *msg)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *ref = NULL;
  PbDemoItem *item;

  if (!check_json_content_type (msg))
    return;
  if ((body = read_body_object (msg)) == NULL)
    return;
  if (!validate_connection (msg, body))
    return;

  ref = new_uuid ();
  object = build_stored_object (self, body, ref, 1, FALSE);
  item = pb_demo_item_new_from_object (self, object);
  g_assert (item != NULL);
  store_item (self, item);
  g_debug ("Created connection %s", ref);

  answer_item (self, msg, 201, item);
}

static void
handle_update (PbDemoServer      *self,
               SoupServerMessage *msg,
               const char        *ref)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonObject) object = NULL;
  PbDemoItem *old;
  PbDemoItem *item;

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

  object = build_stored_object (self, body, ref, old->revision + 1, TRUE);
  item = pb_demo_item_new_from_object (self, object);
  g_assert (item != NULL);
  store_item (self, item);
  g_debug ("Updated connection %s to revision %" G_GINT64_FORMAT, ref, item->revision);

  answer_item (self, msg, 201, item);
}

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
          JsonObject *mapping;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          mapping = json_node_get_object (node);
          if (g_strcmp0 (get_string_member (mapping, "key"),
                         key) == 0)
            {
              value = get_string_member (mapping, "exampleValue");
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

static JsonObject *
get_object_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array_member (JsonObject *object,
                  const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}


static void
handle_test (PbDemoServer      *self,
             SoupServerMessage *msg)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *url = NULL;
  g_autofree char *correlation_id = NULL;
  JsonObject *connection;
  JsonObject *request;
  JsonArray *mappings;
  JsonArray *headers;
  const char *method;
  const char *connection_url;
  const char *request_body;
  guint status;
  guint elapsed;
  char *text;

  if (!check_json_content_type (msg))
    return;
  if ((body = read_body_object (msg)) == NULL)
    return;

  connection = get_object_member (body, "connection");
  if (connection == NULL)
    {
      answer_error (msg, 400, 4030, "The request must hold the connection to test.",
                    "Bad request: expected {\"connection\": {…}}.");
      return;
    }

  request = get_object_member (connection, "request");
  connection_url = get_string_member (request, "connectionUrl");
  if (request == NULL || connection_url == NULL || *connection_url == '\0')
    {
      answer_error (msg, 400, 4031, "The connection has no address to call.",
                    "Validation failed: request.connectionUrl is missing or empty.");
      return;
    }

  mappings = get_array_member (connection, "inputMappings");
  url = fill_placeholders (connection_url, mappings);
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL
      || (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0
          && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0)
      || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_autofree char *detail = g_strdup_printf ("Validation failed: request.connectionUrl "
                                                 "“%s” is not an http(s) URL.", url);

      answer_error (msg, 400, 4032, "The address of the connection is not valid.", detail);
      return;
    }

  method = get_string_member (request, "requestType");
  if (method == NULL)
    method = "GET";

  /* What the outside service would plausibly answer: reads answer 200, sends are accepted. */
  if (g_ascii_strcasecmp (method, "GET") == 0)
    status = 200;
  else if (g_ascii_strcasecmp (method, "POST") == 0)
    status = 202;
  else if (g_ascii_strcasecmp (method, "PUT") == 0)
    status = 200;
  else
    status = 405;

  /* A repeatable, plausible duration for the same address. */
  elapsed = 80 + g_str_hash (url) % 640;
  correlation_id = new_uuid ();

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "statusCode");
  json_builder_add_int_value (builder, status);
  json_builder_set_member_name (builder, "executionTimeInMilliseconds");
  json_builder_add_int_value (builder, elapsed);
  json_builder_set_member_name (builder, "request");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, method);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "headers");
  json_builder_begin_object (builder);
  headers = get_array_member (connection, "customHeaders");
  for (guint i = 0; headers != NULL && i < json_array_get_length (headers); i++)
    {
      JsonNode *node = json_array_get_element (headers, i);
      const char *name;
      const char *value;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      name = get_string_member (json_node_get_object (node), "name");
      value = get_string_member (json_node_get_object (node), "value");
      if (name == NULL || *name == '\0' || value == NULL
          || g_ascii_strcasecmp (name, "X-Correlation-Id") == 0)
        continue;
      json_builder_set_member_name (builder, name);
      json_builder_add_string_value (builder, value);
    }
  json_builder_set_member_name (builder, "X-Correlation-Id");
  json_builder_add_string_value (builder, correlation_id);
  json_builder_end_object (builder);

  request_body = get_string_member (request, "requestBody");
  if (request_body != NULL && g_ascii_strcasecmp (method, "GET") != 0)
    {
      g_autofree char *filled = fill_placeholders (request_body, mappings);

      json_builder_set_member_name (builder, "body");
      json_builder_add_string_value (builder, filled);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = node_to_string (root);
  set_json_answer (msg, 200, text, strlen (text));
}

static void
answer_method_not_allowed (SoupServerMessage *msg,
                           const char        *allowed)
{
  g_autofree char *detail = g_strdup_printf ("Method %s is not allowed here; allowed: %s.",
                                             soup_server_message_get_method (msg), allowed);

  answer_error (msg, 405, 4050, "This action is not supported.", detail);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Allow", allowed);
}

static void
route_request (PbDemoServer      *self,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);
  gboolean is_get = g_str_equal (method, "GET") || g_str_equal (method, "HEAD");
  const char *rest;
  g_autofree char *ref = NULL;

  if (g_str_equal (path, COLLECTION_PATH) || g_str_equal (path, COLLECTION_PATH "/"))
    {
      if (is_get)
        handle_list (self, msg, query);
      else if (g_str_equal (method, "POST"))
        handle_create (self, msg);
      else
        answer_method_not_allowed (msg, "GET, POST");
      return;
    }

  if (!g_str_has_prefix (path, COLLECTION_PATH "/"))
    {
      answer_error (msg, 404, 4041, "There is nothing at this address.",
                    "Not found: the API serves /v2/connections.");
      return;
    }

  rest = path + strlen (COLLECTION_PATH "/");
  if (g_str_has_suffix (rest, "/"))
    ref = g_uri_unescape_segment (rest, rest + strlen (rest) - 1, NULL);
  else
    ref = g_uri_unescape_string (rest, NULL);

  if (ref == NULL || *ref == '\0' || strchr (ref, '/') != NULL)
    {
      answer_error (msg, 404, 4041, "There is nothing at this address.",
                    "Not found: expected /v2/connections/{ref}.");
      return;
    }

  if (g_str_equal (ref, TEST_PATH_SEGMENT) && g_str_equal (method, "POST"))
    handle_test (self, msg);
  else if (is_get)
    handle_get (self, msg, ref);
  else if (g_str_equal (method, "PUT"))
    handle_update (self, msg, ref);
  else
    answer_method_not_allowed (msg, g_str_equal (ref, TEST_PATH_SEGMENT) ? "POST" : "GET, PUT");
}

/* Latency */

static void
pb_delayed_answer_release (PbDelayedAnswer *delayed,
                           gboolean         unpause)
{
  g_clear_signal_handler (&delayed->finished_id, delayed->msg);
  if (delayed->source != NULL)
    {
      g_source_destroy (delayed->source);
      g_clear_pointer (&delayed->source, g_source_unref);
    }
  if (unpause)
    soup_server_message_unpause (delayed->msg);
  g_clear_object (&delayed->msg);
}

static void
pb_delayed_answer_free (PbDelayedAnswer *delayed)
{
  pb_delayed_answer_release (delayed, FALSE);
  g_free (delayed);
}

static gboolean
delayed_answer_cb (gpointer user_data)
{
  PbDelayedAnswer *delayed = user_data;
  PbDemoServer *self = delayed->self;

  pb_delayed_answer_release (delayed, TRUE);
  g_ptr_array_remove_fast (self->delayed, delayed);

  return G_SOURCE_REMOVE;
}

static void
delayed_message_finished_cb (SoupServerMessage *msg,
                             PbDelayedAnswer   *delayed)
{
  PbDemoServer *self = delayed->self;

  g_assert (SOUP_IS_SERVER_MESSAGE (msg));

  pb_delayed_answer_release (delayed, FALSE);
  g_ptr_array_remove_fast (self->delayed, delayed);
}

static void
delay_answer (PbDemoServer      *self,
              SoupServerMessage *msg)
{
  PbDelayedAnswer *delayed = g_new0 (PbDelayedAnswer, 1);

  delayed->self = self;
  delayed->msg = g_object_ref (msg);
  delayed->finished_id = g_signal_connect (msg, "finished",
                                           G_CALLBACK (delayed_message_finished_cb), delayed);
  delayed->source = g_timeout_source_new (self->latency);
  g_source_set_callback (delayed->source, delayed_answer_cb, delayed, NULL);
  g_source_set_static_name (delayed->source, "[pb-demo-server] latency");
  g_source_attach (delayed->source, self->context);
  g_ptr_array_add (self->delayed, delayed);

  soup_server_message_pause (msg);
}

static void
flush_delayed_answers (PbDemoServer *self)
{
  while (self->delayed->len > 0)
    {
      PbDelayedAnswer *delayed = g_ptr_array_index (self->delayed, self->delayed->len - 1);

      pb_delayed_answer_release (delayed, TRUE);
      g_ptr_array_remove_index (self->delayed, self->delayed->len - 1);
    }
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  PbDemoServer *self = user_data;

  g_assert (PB_IS_DEMO_SERVER (self));
  g_assert (SOUP_IS_SERVER_MESSAGE (msg));

  self->n_requests++;
  g_debug ("%s %s", soup_server_message_get_method (msg), path);

  if (self->fail_count > 0)
    {
      self->fail_count--;
      answer_failure (self, msg);
    }
  else if (!check_authorization (self, msg))
    {
      answer_error (msg, 401, 4011,
                    "The access token is missing, expired or not valid. Sign in again.",
                    "Unauthorized: send Authorization: Bearer <access token>.");
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate", "Bearer");
    }
  else
    {
      route_request (self, msg, path, query);
    }

  if (self->latency > 0)
    delay_answer (self, msg);
}

/* Data */

static gboolean
load_document (PbDemoServer  *self,
               const char    *data,
               gssize         length,
               GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonNode *items_node;
  JsonArray *items;

  if (length < 0)
    length = strlen (data);

  if (!g_utf8_validate_len (data, length, NULL)
      || !json_depth_ok (data, length)
      || !json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_debug ("Demo data is not JSON: %s",
               local_error ? local_error->message : "not UTF-8 or nested too deeply");
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The demo data cannot be read: it is not JSON."));
      return FALSE;
    }

  root = json_parser_get_root (parser);
  items_node = root && JSON_NODE_HOLDS_OBJECT (root)
               ? json_object_get_member (json_node_get_object (root), "items")
               : NULL;
  if (items_node == NULL || !JSON_NODE_HOLDS_ARRAY (items_node))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The demo data is not a list of connections."));
      return FALSE;
    }

  items = json_node_get_array (items_node);
  loaded = g_ptr_array_new_with_free_func ((GDestroyNotify) pb_demo_item_free);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonObject *object;
      PbDemoItem *item;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_debug ("Demo data: items[%u] is not an object", i);
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The demo data is not a list of connections."));
          return FALSE;
        }

      object = json_node_get_object (node);
      if (get_string_member (object, "ref") == NULL || *get_string_member (object, "ref") == '\0')
        {
          g_autofree char *ref = new_uuid ();

          json_object_set_string_member (object, "ref", ref);
        }

      item = pb_demo_item_new_from_object (self, object);
      g_assert (item != NULL);
      g_ptr_array_add (loaded, item);

      if (i == 0)
        {
          const char *client_key = get_string_member (object, "clientKey");

          if (client_key != NULL && *client_key != '\0')
            {
              g_free (self->client_key);
              self->client_key = g_strdup (client_key);
            }
        }
    }

  clear_items (self);
  for (guint i = 0; i < loaded->len; i++)
    store_item (self, g_steal_pointer (&loaded->pdata[i]));
  g_ptr_array_set_free_func (loaded, NULL);

  return TRUE;
}

static void
load_builtin_data (PbDemoServer *self)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data;

  bytes = g_resource_lookup_data (pb_core_get_resource (), DEMO_DATA_PATH,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    g_error ("The built-in demo data is missing: %s", error->message);

  data = g_bytes_get_data (bytes, &length);
  if (!load_document (self, data, length, &error))
    g_error ("The built-in demo data is broken: %s", error->message);
}

/* Generated data */

typedef struct
{
  const char *label;
  const char *key;
  const char *type;
  const char *example;
} GenInput;

typedef struct
{
  const char *label;
  const char *reference;
  const char *type;
} GenOutput;

typedef struct
{
  const char *name;
  const char *description;
  const char *system_type;
  const char *method;
  const char *host;
  const char *path;
  const char *body;
  const char *icon;
  const char *sample;
  GenInput    inputs[4];
  GenOutput   outputs[5];
} GenTemplate;

static const GenTemplate gen_templates[] = {
  { "Weather forecast", "Current conditions and a three-day forecast for the guest's location.",
    "DATA_SYSTEM", "GET", "api.weather.example.com",
    "/v1/forecast?lat=${lat}&lon=${lon}&units=metric",
    NULL, "fad fa-cloud-sun",
    "{\"temperature\":21.5,\"condition\":\"partly-cloudy\",\"precipitation\":0.2}",
    { { "Latitude", "lat", "string", "52.37" }, { "Longitude", "lon", "string", "4.89" } },
    { { "Temperature", "temperature", "number" }, { "Condition", "condition", "string" },
      { "Precipitation", "precipitation", "number" } } },
  { "Loyalty balance", "Points balance and tier of a loyalty member.",
    "DATA_SYSTEM", "GET", "loyalty.example.com", "/api/members/${memberId}/balance",
    NULL, "assets/images/icons/connections/loyalty.png",
    "{\"points\":12840,\"tier\":\"Gold\",\"expiringPoints\":300}",
    { { "Member ID", "memberId", "string", "LM-0042-7781" } },
    { { "Points", "points", "number" }, { "Tier", "tier", "String" },
      { "Expiring points", "expiringPoints", "number" } } },
  { "CRM contact lookup", "Finds the CRM contact for an email address.",
    "DATA_SYSTEM", "GET", "crm.example.net", "/v2/contacts?email=${email}",
    NULL, "assets/images/icons/connections/crm.png",
    "{\"firstName\":\"Ada\",\"segment\":\"returning\",\"lifetimeValue\":1830.4,\"optIn\":true}",
    { { "Email", "email", "string", "ada@example.com" } },
    { { "First name", "firstName", "string" }, { "Segment", "segment", "string" },
      { "Lifetime value", "lifetimeValue", "number" }, { "Opt-in", "optIn", "boolean" } } },
  { "SMS gateway", "Sends a text message to the guest.",
    "DESTINATION", "POST", "sms.example.com", "/v1/messages",
    "{\n  \"to\": \"${phone}\",\n  \"text\": \"${text}\"\n}", "fad fa-sms", "",
    { { "Phone", "phone", "string", "+15550100" },
      { "Text", "text", "string", "Your order has shipped" } },
    { { "Message id", "id", "String" } } },
  { "Transactional email", "Sends a templated email through the mail service.",
    "DESTINATION", "POST", "mail.example.com", "/api/1.0/messages/send-template.json",
    "{\"key\":\"${key}\",\"template_name\":\"${template}\",\"message\":${message}}",
    "assets/images/channel-images/email.svg",
    "{\"key\":\"RkeVXoh0NB5K8nGUH-Ew7w\",\"template_name\":\"welcome\",\"message\":{\"to\":"
    "[{\"email\":\"recipient@example.com\"}]}}",
    { { "API key", "key", "string", "RkeVXoh0NB5K8nGUH-Ew7w" },
      { "Template", "template", "string", "welcome" },
      { "Message", "message", "object",
        "{\"to\":[{\"email\":\"recipient@example.com\",\"name\":\"Ada\"}]}" } },
    { { "Status", "status", "string" }, { "Reject reason", "reject_reason", "String" } } },
  { "Product recommendations", "Products to offer next, from the recommendation engine.",
    "DATA_SYSTEM", "POST", "reco.example.io", "/v3/recommendations",
    "{\"customerId\":\"${customerId}\",\"context\":\"${page}\",\"limit\":${limit}}",
    "assets/images/icons/connections/recommendations.png",
    "{\"strategy\":\"similar-items\",\"products\":[{\"sku\":\"SKU-1001\",\"score\":0.93}]}",
    { { "Customer ID", "customerId", "string", "C-88213" },
      { "Page", "page", "string", "product-detail" }, { "Limit", "limit", "number", "4" } },
    { { "Products", "products", "Object" }, { "Strategy", "strategy", "string" } } },
  { "Stock availability", "Units in stock for a product at a store.",
    "DATA_SYSTEM", "GET", "inventory.example.com", "/stock/${sku}?store=${storeId}",
    NULL, "fad fa-boxes",
    "{\"available\":true,\"quantity\":17}",
    { { "SKU", "sku", "string", "SKU-1001" }, { "Store", "storeId", "string", "AMS-01" } },
    { { "Available", "available", "boolean" }, { "Quantity", "quantity", "number" } } },
  { "Fraud score", "Risk score of an order before it is confirmed.",
    "DATA_SYSTEM", "POST", "risk.example.org", "/v1/score",
    "{\"orderId\":\"${orderId}\",\"amount\":${amount},\"currency\":\"${currency}\"}",
    "fad fa-shield-alt",
    "{\"score\":0.07,\"decision\":\"ACCEPT\",\"reasons\":[]}",
    { { "Order ID", "orderId", "string", "ORD-2024-118" },
      { "Amount", "amount", "number", "129.90" },
      { "Currency", "currency", "string", "EUR" } },
    { { "Score", "score", "number" }, { "Decision", "decision", "String" },
      { "Reasons", "reasons", "Object" } } },
  { "Push notification", "Sends a push notification to the guest's devices.",
    "DESTINATION", "POST", "push.example.com", "/v1/notifications",
    "{\"audience\":{\"user\":\"${userId}\"},\"title\":\"${title}\",\"body\":\"${message}\"}",
    "fad fa-bell", "",
    { { "User", "userId", "string", "u-5521" }, { "Title", "title", "string", "Back in stock" },
      { "Message", "message", "string", "The sneakers you liked are back." } },
    { { "Notification id", "id", "string" } } },
  { "Team chat alert", "Posts a message to a team chat channel.",
    "DESTINATION", "POST", "hooks.chat.example.com", "/services/${channelId}",
    "{\"text\":\"${text}\"}", "fad fa-comments", "",
    { { "Channel", "channelId", "string", "T000/B000/XXXX" },
      { "Text", "text", "string", "A VIP guest just arrived." } },
    { { "OK", "ok", "boolean" } } },
  { "Exchange rates", "Latest currency exchange rates.",
    "DATA_SYSTEM", "GET", "fx.example.com", "/latest?base=${base}&symbols=${symbol}",
    NULL, "fad fa-euro-sign",
    "{\"base\":\"EUR\",\"rates\":{\"USD\":1.09}}",
    { { "Base currency", "base", "string", "EUR" }, { "Symbol", "symbol", "string", "USD" } },
    { { "Rates", "rates", "object" }, { "Base", "base", "string" } } },
  { "Flight status", "Departure status and delay of a flight.",
    "DATA_SYSTEM", "GET", "flights.example.aero", "/v1/status/${flightNumber}?date=${date}",
    NULL, "fad fa-plane-departure",
    "{\"status\":\"DELAYED\",\"delayMinutes\":35,\"gate\":\"D7\"}",
    { { "Flight number", "flightNumber", "string", "PB1234" },
      { "Date", "date", "string", "2025-03-14" } },
    { { "Status", "status", "String" }, { "Delay (minutes)", "delayMinutes", "number" },
      { "Gate", "gate", "string" } } },
  { "Profile sync", "Writes the guest's preferences back to the profile store.",
    "DESTINATION", "PUT", "profiles.example.com", "/v1/profiles/${profileId}",
    "{\"preferences\":${preferences},\"updatedBy\":\"personalize\"}",
    "assets/images/icons/connections/profile.png", "",
    { { "Profile ID", "profileId", "string", "p-00172" },
      { "Preferences", "preferences", "object", "{\"newsletter\":true,\"language\":\"de\"}" } },
    { { "Version", "version", "number" } } },
  { "Address validation", "Checks and completes a postal address.",
    "DATA_SYSTEM", "POST", "address.example.com", "/v2/validate",
    "{\"street\":\"${street}\",\"postalCode\":\"${postalCode}\",\"country\":\"${country}\"}",
    "fad fa-map-marker-alt",
    "{\"valid\":true,\"normalized\":\"Hauptstraße 5, 10115 Berlin\"}",
    { { "Street", "street", "string", "Hauptstraße 5" },
      { "Postal code", "postalCode", "string", "10115" },
      { "Country", "country", "string", "DE" } },
    { { "Valid", "valid", "boolean" }, { "Normalized", "normalized", "String" } } },
  { "Shipment tracking", "Where a parcel is and when it arrives.",
    "DATA_SYSTEM", "GET", "track.example.com", "/v2/shipments/${trackingNumber}",
    NULL, "fad fa-truck",
    "{\"state\":\"IN_TRANSIT\",\"eta\":\"2025-03-16\"}",
    { { "Tracking number", "trackingNumber", "string", "1Z999AA10123456784" } },
    { { "State", "state", "string" }, { "ETA", "eta", "string" } } },
  { "Survey response", "Stores the answer to an in-app survey.",
    "DESTINATION", "PUT", "survey.example.com", "/api/responses/${responseId}",
    "{\"score\":${score},\"comment\":\"${comment}\"}",
    "fad fa-poll", "",
    { { "Response ID", "responseId", "string", "r-9921" }, { "Score", "score", "number", "9" },
      { "Comment", "comment", "string", "Great service" } },
    { } },
};

static const char *const gen_brands[] = {
  "Acme", "Northwind", "Contoso", "Globex", "Fabrikam", "Tailspin", "Wingtip", "Litware",
  "Proseware", "Woodgrove", "Lucerne", "Alpine Ski House", "Coho Winery", "Fourth Coffee",
  "Trey Research", "Margie's Travel",
};

static const char *const gen_regions[] = {
  "EU", "US", "APAC", "UK", "DACH", "Nordics", "Japan", "LATAM", "Staging", "Production",
  "Sandbox", "Benelux",
};

/* Names and descriptions in other scripts and languages. */
static const char *const gen_local_names[][2] = {
  { "天気予報サービス", "お客様の現在地の天気予報を取得します。" },
  { "Wettervorhersage für Österreich", "Liefert Temperatur und Niederschlag für Gäste in "
    "Österreich und Süddeutschland." },
  { "Programme de fidélité — solde", "Solde de points et niveau du membre." },
  { "Программа лояльности", "Баланс баллов и уровень участника." },
  { "توصيات المنتجات", "يقترح المنتجات التالية للضيف بناءً على سجل التصفح." },
  { "재고 조회", "매장별 상품 재고를 확인합니다." },
  { "Überprüfung der Lieferadresse", "Prüft Straße, Postleitzahl und Ort vor dem Versand." },
  { "顧客ポイント残高", "会員のポイント残高とランクを返します。" },
  { "SMS-Versand über Gateway", "Schickt eine Kurznachricht an die Mobilnummer des Gasts." },
  { "Ελέγχος απάτης", "Βαθμολογία κινδύνου της παραγγελίας." },
};

static const char *const gen_users[] = {
  "bfe5bd9a-f37b-4b9d-a3e4-169674d251ea", "73fadb31-d0de-4ca8-848d-cef57ad78845",
  "2c6e1f0b-8a4d-4e3f-9b7c-5d2a1e0f6b8c", "e41d7c9a-3b2f-4a6e-8d1c-0f9b7a5e3c2d",
  DEMO_USER_REF,
};

static const guint gen_timeouts[] = { 1000, 1000, 1000, 5000, 10000 };

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_member (GString    *out,
               const char *name,
               const char *value)
{
  g_string_append_printf (out, ",\"%s\":", name);
  append_json_string (out, value);
}

static void
append_name_value (GString    *out,
                   gboolean    first,
                   const char *name,
                   const char *value)
{
  g_string_append (out, first ? "{\"name\":" : ",{\"name\":");
  append_json_string (out, name);
  g_string_append (out, ",\"value\":");
  append_json_string (out, value);
  g_string_append_c (out, '}');
}

static char *
gen_uuid (GRand *rand)
{
  return g_strdup_printf ("%08x-%04x-4%03x-%04x-%04x%08x",
                          g_rand_int (rand), g_rand_int (rand) & 0xffff,
                          g_rand_int (rand) & 0xfff, (g_rand_int (rand) & 0x3fff) | 0x8000,
                          g_rand_int (rand) & 0xffff, g_rand_int (rand));
}

static char *
gen_key (GRand *rand,
         guint  length)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  GString *key = g_string_sized_new (length);

  for (guint i = 0; i < length; i++)
    g_string_append_c (key, alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)]);

  return g_string_free (key, FALSE);
}

static const char *
gen_pick (GRand              *rand,
          const char * const *strings,
          guint               n_strings)
{
  return strings[g_rand_int_range (rand, 0, n_strings)];
}

static char *
gen_name (GRand             *rand,
          const GenTemplate *template,
          guint              index,
          const char       **description)
{
  const char *brand = gen_pick (rand, gen_brands, G_N_ELEMENTS (gen_brands));
  const char *region = gen_pick (rand, gen_regions, G_N_ELEMENTS (gen_regions));
  guint style = g_rand_int_range (rand, 0, 100);

  *description = template->description;

  if (style < 8)
    {
      guint pick = g_rand_int_range (rand, 0, G_N_ELEMENTS (gen_local_names));

      *description = gen_local_names[pick][1];
      return g_strdup_printf ("%s (%s)", gen_local_names[pick][0], region);
    }
  if (style < 11)
    return g_strdup_printf ("%s %s for returning customers in the %s region — rollout wave %u, "
                            "owned by the digital experience team", brand, template->name,
                            region, 1 + index % 9);
  if (style < 40)
    return g_strdup_printf ("%s %s", brand, template->name);
  if (style < 70)
    return g_strdup_printf ("%s – %s", template->name, region);
  if (style < 90)
    return g_strdup_printf ("%s %s (%s)", brand, template->name, region);
  return g_strdup_printf ("%s %s v%u", brand, template->name, 2 + index % 4);
}

static PbDemoItem *
gen_item (PbDemoServer *self,
          GRand        *rand,
          guint         index,
          gint64        base_time)
{
  const GenTemplate *template =
    &gen_templates[g_rand_int_range (rand, 0, G_N_ELEMENTS (gen_templates))];
  g_autofree char *ref = gen_uuid (rand);
  g_autofree char *name = NULL;
  g_autofree char *url = NULL;
  g_autofree char *seconds = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GString) out = g_string_sized_new (2048);
  const char *description;
  const char *domain;
  gboolean is_get = g_str_equal (template->method, "GET");
  gboolean oauth = g_rand_int_range (rand, 0, 100) < 45;
  gboolean archived = g_rand_int_range (rand, 0, 100) < 8;
  gboolean first;
  PbDemoItem *item;
  gint64 revision = g_rand_int_range (rand, 1, 40);

  name = gen_name (rand, template, index, &description);

  when = g_date_time_new_from_unix_utc (base_time + g_rand_int_range (rand, 0, 90000000));
  seconds = g_date_time_format (when, "%Y-%m-%dT%H:%M:%S");

  g_string_append (out, "{\"clientKey\":");
  append_json_string (out, self->client_key);
  g_string_append (out, ",\"href\":\"");

  item = g_new0 (PbDemoItem, 1);
  item->ref = g_strdup (ref);
  item->revision = revision;
  item->head_len = out->len;
  item->head = g_strndup (out->str, out->len);
  g_string_truncate (out, 0);

  g_string_append_printf (out, COLLECTION_PATH "/%s\"", ref);
  append_member (out, "ref", ref);
  append_member (out, "name", name);
  if (g_rand_int_range (rand, 0, 100) < 90)
    append_member (out, "description", description);
  append_member (out, g_rand_int_range (rand, 0, 100) < 5 ? "modifiedByUserRef" : "modifiedByRef",
                 gen_pick (rand, gen_users, G_N_ELEMENTS (gen_users)));
  g_string_append_printf (out, ",\"modifiedAt\":\"%s.%03dZ\"", seconds,
                          g_rand_int_range (rand, 0, 1000));
  g_string_append_printf (out, ",\"revision\":%" G_GINT64_FORMAT ",\"archived\":%s",
                          revision, archived ? "true" : "false");

  /* auth */
  domain = strchr (template->host, '.') + 1;
  if (oauth)
    {
      g_autofree char *client_id = gen_key (rand, 32);
      g_autofree char *token_url = g_strdup_printf ("https://auth.%s/oauth2/token", domain);

      g_string_append (out, ",\"auth\":{\"authType\":\"OAUTH\"");
      append_member (out, "clientId", client_id);
      append_member (out, "accessTokenUrl", token_url);
      g_string_append_printf (out, ",\"useMutualTls\":%s,\"oauthCustomHeaders\":[",
                              g_rand_int_range (rand, 0, 100) < 20 ? "true" : "false");
      if (g_rand_int_range (rand, 0, 100) < 15)
        append_name_value (out, TRUE, "X-Tenant", gen_pick (rand, gen_regions,
                                                            G_N_ELEMENTS (gen_regions)));
      g_string_append (out, "],\"formUrlEncodedItems\":[");
      if (g_rand_int_range (rand, 0, 100) < 15)
        {
          append_name_value (out, TRUE, "scope", "read:data");
          append_name_value (out, FALSE, "audience", "https://api.example.com");
        }
      g_string_append (out, "]}");
    }
  else
    {
      g_string_append (out, ",\"auth\":{\"authType\":\"NONE\"}");
    }

  /* request */
  url = g_strconcat ("https://", template->host, template->path, NULL);
  g_string_append (out, ",\"request\":{");
  g_string_append_printf (out, "\"requestType\":\"%s\"", template->method);
  append_member (out, "connectionUrl", url);
  if (template->body != NULL)
    append_member (out, "requestBody", template->body);
  g_string_append_c (out, '}');

  append_member (out, "exampleValue",
                 g_rand_int_range (rand, 0, 100) < 75 ? template->sample : "");

  g_string_append (out, ",\"inputMappings\":[");
  for (guint i = 0; i < G_N_ELEMENTS (template->inputs) && template->inputs[i].key; i++)
    {
      const GenInput *input = &template->inputs[i];

      g_string_append (out, i == 0 ? "{\"label\":" : ",{\"label\":");
      append_json_string (out, input->label);
      append_member (out, "key", input->key);
      append_member (out, "type", input->type);
      append_member (out, "exampleValue", input->example);
      append_member (out, "mapping", "");
      g_string_append_c (out, '}');
    }

  g_string_append (out, "],\"outputMappings\":[");
  for (guint i = 0; i < G_N_ELEMENTS (template->outputs) && template->outputs[i].reference; i++)
    {
      const GenOutput *output = &template->outputs[i];
      g_autofree char *type = g_strdup (output->type);

      /* The web app is not consistent about the case of the type. */
      if (g_rand_int_range (rand, 0, 100) < 25)
        type[0] = g_ascii_toupper (type[0]);

      g_string_append (out, i == 0 ? "{\"label\":" : ",{\"label\":");
      append_json_string (out, output->label);
      append_member (out, "outputReference", output->reference);
      append_member (out, "type", type);
      g_string_append_c (out, '}');
    }

  g_string_append (out, "],\"customHeaders\":[");
  first = TRUE;
  if (g_rand_int_range (rand, 0, 100) < 85)
    {
      append_name_value (out, first, "Accept", "application/json");
      first = FALSE;
      if (g_rand_int_range (rand, 0, 100) < 80)
        append_name_value (out, FALSE, "Accept-Encoding", "gzip");
    }
  if (!is_get)
    {
      append_name_value (out, first, "Content-Type", "application/json");
      first = FALSE;
    }
  if (g_rand_int_range (rand, 0, 100) < 20)
    {
      g_autofree char *version = g_strdup_printf ("%u", g_rand_int_range (rand, 1, 4));

      append_name_value (out, first, "X-Api-Version", version);
    }

  g_string_append_printf (out, "],\"urlParameters\":[],\"systemType\":\"%s\""
                          ",\"connectionTimeout\":%u,\"socketTimeout\":%u",
                          template->system_type,
                          gen_timeouts[g_rand_int_range (rand, 0, G_N_ELEMENTS (gen_timeouts))],
                          gen_timeouts[g_rand_int_range (rand, 0, G_N_ELEMENTS (gen_timeouts))]);
  append_member (out, "icon", template->icon);
  g_string_append_c (out, '}');

  item->tail_len = out->len;
  item->tail = g_string_free (g_steal_pointer (&out), FALSE);

  return item;
}

/* GObject */

static void
pb_demo_server_dispose (GObject *object)
{
  PbDemoServer *self = PB_DEMO_SERVER (object);

  pb_demo_server_stop (self);

  G_OBJECT_CLASS (pb_demo_server_parent_class)->dispose (object);
}

static void
pb_demo_server_finalize (GObject *object)
{
  PbDemoServer *self = PB_DEMO_SERVER (object);

  g_clear_pointer (&self->delayed, g_ptr_array_unref);
  g_clear_pointer (&self->by_ref, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->client_key, g_free);
  g_clear_pointer (&self->sentinel, g_free);
  g_clear_pointer (&self->fail_body, g_free);

  G_OBJECT_CLASS (pb_demo_server_parent_class)->finalize (object);
}

static void
pb_demo_server_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PbDemoServer *self = PB_DEMO_SERVER (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;
    case PROP_LATENCY:
      g_value_set_uint (value, self->latency);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_demo_server_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PbDemoServer *self = PB_DEMO_SERVER (object);

  switch (prop_id)
    {
    case PROP_TOKEN:
      pb_demo_server_set_token (self, g_value_get_string (value));
      break;
    case PROP_LATENCY:
      pb_demo_server_set_latency (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_demo_server_class_init (PbDemoServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pb_demo_server_dispose;
  object_class->finalize = pb_demo_server_finalize;
  object_class->get_property = pb_demo_server_get_property;
  object_class->set_property = pb_demo_server_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL,
                       0, G_MAXUINT16, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_LATENCY] =
    g_param_spec_uint ("latency", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_demo_server_init (PbDemoServer *self)
{
  g_autofree char *nonce = random_key (24);

  self->context = g_main_context_ref_thread_default ();
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) pb_demo_item_free);
  self->by_ref = g_hash_table_new (g_str_hash, g_str_equal);
  self->delayed = g_ptr_array_new_with_free_func ((GDestroyNotify) pb_delayed_answer_free);
  self->token = random_key (40);
  self->client_key = random_key (32);
  self->sentinel = g_strconcat ("pbDemoBaseUrl", nonce, NULL);

  load_builtin_data (self);
}

/* Public API */

PbDemoServer *
pb_demo_server_new (void)
{
  return g_object_new (PB_TYPE_DEMO_SERVER, NULL);
}

gboolean
pb_demo_server_load_data (PbDemoServer  *self,
                          const char    *data,
                          gssize         length,
                          GError       **error)
{
  g_return_val_if_fail (PB_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return load_document (self, data ? data : "", length, error);
}

gboolean
pb_demo_server_start (PbDemoServer  *self,
                      guint          port,
                      GError       **error)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GMainContext) current = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  GSList *listeners;
  gboolean pushed = FALSE;
  gboolean ok;

  g_return_val_if_fail (PB_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->server != NULL)
    return TRUE;

  server = soup_server_new ("server-header", "Plugboard-Demo/" PACKAGE_VERSION " ", NULL);
  soup_server_add_handler (server, NULL, server_callback, self, NULL);

  /* The listening sockets belong to the thread-default context at the time of listening. */
  current = g_main_context_ref_thread_default ();
  if (current != self->context)
    {
      g_main_context_push_thread_default (self->context);
      pushed = TRUE;
    }

  address = g_inet_socket_address_new_from_string ("127.0.0.1", port);
  ok = soup_server_listen (server, address, 0, error);

  if (pushed)
    g_main_context_pop_thread_default (self->context);

  if (!ok)
    return FALSE;

  /* The port from the listening socket itself (soup_server_get_uris() leaks in libsoup 3.2). */
  listeners = soup_server_get_listeners (server);
  local = listeners ? g_socket_get_local_address (listeners->data, NULL) : NULL;
  g_slist_free (listeners);
  if (local == NULL || !G_IS_INET_SOCKET_ADDRESS (local))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The demo server could not start."));
      return FALSE;
    }

  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
  g_free (self->base_url);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%u", self->port);
  self->server = g_steal_pointer (&server);
  g_debug ("Demo server listening at %s", self->base_url);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_URL]);

  return TRUE;
}

void
pb_demo_server_stop (PbDemoServer *self)
{
  g_return_if_fail (PB_IS_DEMO_SERVER (self));

  flush_delayed_answers (self);

  if (self->server == NULL)
    return;

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_debug ("Demo server stopped");
}

const char *
pb_demo_server_get_base_url (PbDemoServer *self)
{
  g_return_val_if_fail (PB_IS_DEMO_SERVER (self), NULL);

  return self->server != NULL ? self->base_url : NULL;
}

guint
pb_demo_server_get_port (PbDemoServer *self)
{
  g_return_val_if_fail (PB_IS_DEMO_SERVER (self), 0);

  return self->server != NULL ? self->port : 0;
}

const char *
pb_demo_server_get_token (PbDemoServer *self)
{
  g_return_val_if_fail (PB_IS_DEMO_SERVER (self), NULL);

  return self->token;
}

void
pb_demo_server_set_token (PbDemoServer *self,
                          const char   *token)
{
  g_return_if_fail (PB_IS_DEMO_SERVER (self));

  if (token == NULL || *token == '\0')
    {
      g_free (self->token);
      self->token = random_key (40);
    }
  else if (g_strcmp0 (token, self->token) != 0)
    {
      g_free (self->token);
      self->token = g_strdup (token);
    }
  else
    {
      return;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN]);
}

guint
pb_demo_server_get_n_connections (PbDemoServer *self)
{
  g_return_val_if_fail (PB_IS_DEMO_SERVER (self), 0);

  return self->items->len;
}

gboolean
pb_demo_server_put_connection (PbDemoServer  *self,
                               const char    *json,
                               GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  const char *ref;
  PbDemoItem *item;

  g_return_val_if_fail (PB_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!json_depth_ok (json, strlen (json))
      || !json_parser_load_from_data (parser, json, -1, &local_error))
    {
      g_debug ("Connection is not JSON: %s",
               local_error ? local_error->message : "nested too deeply");
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The connection cannot be read: it is not JSON."));
      return FALSE;
    }

  root = json_parser_get_root (parser);
  ref = root && JSON_NODE_HOLDS_OBJECT (root)
        ? get_string_member (json_node_get_object (root), "ref")
        : NULL;
  if (ref == NULL || *ref == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The connection has no reference."));
      return FALSE;
    }

  item = pb_demo_item_new_from_object (self, json_node_get_object (root));
  g_assert (item != NULL);
  store_item (self, item);

  return TRUE;
}

gboolean
pb_demo_server_remove_connection (PbDemoServer *self,
                                  const char   *ref)
{
  PbDemoItem *item;

  g_return_val_if_fail (PB_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (ref != NULL, FALSE);

  item = g_hash_table_lookup (self->by_ref, ref);
  if (item == NULL)
    return FALSE;

  g_hash_table_remove (self->by_ref, ref);
  g_ptr_array_remove (self->items, item);

  return TRUE;
}

void
pb_demo_server_set_latency (PbDemoServer *self,
                            guint         milliseconds)
{
  g_return_if_fail (PB_IS_DEMO_SERVER (self));

  if (self->latency == milliseconds)
    return;

  self->latency = milliseconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATENCY]);
}

void
pb_demo_server_fail_next (PbDemoServer *self,
                          guint         status,
                          const char   *body,
                          guint         count)
{
  g_return_if_fail (PB_IS_DEMO_SERVER (self));
  g_return_if_fail (count == 0 || (status >= 100 && status <= 599));

  self->fail_status = status;
  self->fail_count = count;
  g_free (self->fail_body);
  self->fail_body = count > 0 ? g_strdup (body) : NULL;
}

guint
pb_demo_server_get_n_requests (PbDemoServer *self)
{
  g_return_val_if_fail (PB_IS_DEMO_SERVER (self), 0);

  return self->n_requests;
}

void
pb_demo_server_generate (PbDemoServer *self,
                         guint         n_connections,
                         guint32       seed)
{
  g_autoptr(GRand) rand = NULL;
  g_autofree char *client_key = NULL;
  /* 2023-01-01T00:00:00Z */
  const gint64 base_time = 1672531200;

  g_return_if_fail (PB_IS_DEMO_SERVER (self));

  rand = g_rand_new_with_seed (seed);
  client_key = gen_key (rand, 32);
  g_free (self->client_key);
  self->client_key = g_steal_pointer (&client_key);

  clear_items (self);
  for (guint i = 0; i < n_connections; i++)
    store_item (self, gen_item (self, rand, i, base_time));
}
