/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-test-http"

#include "config.h"

#include <string.h>

#include "pb-test-http.h"
#include "pb-test-util.h"

void
pb_test_answer_free (PbTestAnswer *answer)
{
  g_free (answer->content_type);
  g_free (answer->allow);
  g_clear_pointer (&answer->body, g_bytes_unref);
  g_clear_pointer (&answer->root, json_node_unref);
  g_free (answer);
}

/* pb_test_http_send(), or NULL when no answer came (the connection dropped, …). */
static PbTestAnswer *
http_send (SoupSession  *session,
           const char   *method,
           const char   *url,
           const char   *token,
           const char   *content_type,
           const char   *body,
           gboolean      new_connection,
           GError      **error)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(JsonParser) parser = json_parser_new ();
  PbTestAnswer *answer = g_new0 (PbTestAnswer, 1);
  SoupMessageHeaders *headers;
  g_auto(PbTestWaiter) waiter = { NULL };
  const char *data;
  gsize length;

  g_assert_nonnull (msg);
  /* libsoup sends a request again by itself when a connection it used before closes without
   * an answer; a request on a new one is sent once. */
  if (new_connection)
    soup_message_add_flags (msg, SOUP_MESSAGE_NEW_CONNECTION);
  headers = soup_message_get_request_headers (msg);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
    }
  soup_message_headers_replace (headers, "Accept", "application/json");

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
      if (content_type == NULL)
        soup_message_headers_remove (headers, "Content-Type");
    }

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, pb_test_waiter_cb,
                                    &waiter);
  answer->body = soup_session_send_and_read_finish (session, pb_test_waiter_wait (&waiter),
                                                    error);
  if (answer->body == NULL)
    {
      pb_test_answer_free (answer);
      return NULL;
    }
  answer->status = soup_message_get_status (msg);
  headers = soup_message_get_response_headers (msg);
  answer->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  answer->allow = g_strdup (soup_message_headers_get_one (headers, "Allow"));

  data = g_bytes_get_data (answer->body, &length);
  if (length > 0 && json_parser_load_from_data (parser, data, length, NULL))
    answer->root = json_parser_steal_root (parser);

  return answer;
}

PbTestAnswer *
pb_test_http_send (SoupSession *session,
                   const char  *method,
                   const char  *url,
                   const char  *token,
                   const char  *content_type,
                   const char  *body)
{
  g_autoptr(GError) error = NULL;
  PbTestAnswer *answer = http_send (session, method, url, token, content_type, body, FALSE,
                                     &error);

  g_assert_no_error (error);
  return answer;
}

JsonObject *
pb_test_answer_object (PbTestAnswer *answer)
{
  g_assert_nonnull (answer->root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (answer->root));

  return json_node_get_object (answer->root);
}

JsonArray *
pb_test_answer_items (PbTestAnswer *answer)
{
  JsonNode *items;

  g_assert_cmpuint (answer->status, ==, 200);
  g_assert_cmpstr (answer->content_type, ==, "application/json");
  items = json_object_get_member (pb_test_answer_object (answer), "items");
  g_assert_nonnull (items);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (items));

  return json_node_get_array (items);
}

void
pb_test_assert_api_error (PbTestAnswer *answer,
                          guint         status)
{
  JsonObject *object;

  g_assert_cmpuint (answer->status, ==, status);
  g_assert_cmpstr (answer->content_type, ==, "application/json");
  object = pb_test_answer_object (answer);
  g_assert_cmpint (pb_test_json_int (object, "status"), ==, status);
  pb_test_json_int (object, "code");
  g_assert_cmpstr (pb_test_json_string (object, "message"), !=, "");
  g_assert_cmpstr (pb_test_json_string (object, "developerMessage"), !=, "");
  g_assert_true (g_str_has_prefix (pb_test_json_string (object, "moreInfo"), "https://"));
}

static JsonNode *
value_member (JsonObject *object,
              const char *member,
              GType       type)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    g_error ("No member “%s”", member);
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  g_assert_cmpstr (g_type_name (json_node_get_value_type (node)), ==, g_type_name (type));

  return node;
}

const char *
pb_test_json_string (JsonObject *object,
                     const char *member)
{
  return json_node_get_string (value_member (object, member, G_TYPE_STRING));
}

gint64
pb_test_json_int (JsonObject *object,
                  const char *member)
{
  return json_node_get_int (value_member (object, member, G_TYPE_INT64));
}

char *
pb_test_json_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

void
pb_test_demo_set_up (PbTestDemo    *demo,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  demo->server = pb_demo_server_new ();
  pb_demo_server_set_token (demo->server, PB_TEST_DEMO_TOKEN);
  g_assert_true (pb_demo_server_start (demo->server, 0, &error));
  g_assert_no_error (error);
  demo->base = pb_demo_server_get_base_url (demo->server);
  demo->session = soup_session_new ();
}

void
pb_test_demo_tear_down (PbTestDemo    *demo,
                        gconstpointer  data)
{
  /* The client hangs up first, as it would in real life. */
  soup_session_abort (demo->session);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_finalize_object (demo->session);
  g_assert_finalize_object (demo->server);
}

PbTestAnswer *
pb_test_demo_request (PbTestDemo *demo,
                      const char *method,
                      const char *path,
                      const char *body)
{
  g_autofree char *url = g_strconcat (demo->base, path, NULL);

  return pb_test_http_send (demo->session, method, url, PB_TEST_DEMO_TOKEN,
                            body != NULL ? "application/json" : NULL, body);
}

void
pb_test_demo_request_dropped (PbTestDemo *demo,
                              const char *method,
                              const char *path,
                              const char *body)
{
  g_autofree char *url = g_strconcat (demo->base, path, NULL);
  g_autoptr(GError) error = NULL;
  PbTestAnswer *answer;

  answer = http_send (demo->session, method, url, PB_TEST_DEMO_TOKEN, "application/json", body,
                      TRUE, &error);
  g_assert_null (answer);
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
}

GPtrArray *
pb_test_demo_fetch_all (PbTestDemo *demo)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint offset = 0;; offset += 100)
    {
      g_autofree char *path = g_strdup_printf ("/v2/connections?limit=100&offset=%u", offset);
      g_autoptr(PbTestAnswer) answer = pb_test_demo_request (demo, "GET", path, NULL);
      JsonArray *items = pb_test_answer_items (answer);
      guint n = json_array_get_length (items);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *node = json_array_get_element (items, i);

          g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
          g_ptr_array_add (all, json_object_ref (json_node_get_object (node)));
        }

      if (n < 100)
        break;
    }

  return all;
}
