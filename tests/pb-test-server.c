/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-test-server"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "pb-test-server.h"
#include "pb-test-util.h"

/* Made once with python3-cryptography; only for the tests. */
const char pb_test_server_certificate_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBcjCCARmgAwIBAgIUSFrcIcwT1MVFj3Ga54vb8z7gccYwCgYIKoZIzj0EAwIw\n"
  "IDEeMBwGA1UEAwwVUGx1Z2JvYXJkIHRlc3Qgc2VydmVyMCAXDTAwMDEwMTAwMDAw\n"
  "MFoYDzI5OTkxMjMxMDAwMDAwWjAgMR4wHAYDVQQDDBVQbHVnYm9hcmQgdGVzdCBz\n"
  "ZXJ2ZXIwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAASqCI0ywamkXFwqM2/Zi6ar\n"
  "3+ANLg7J3bfX/OuPriBYGbWI/5hChd7kJ5gSpO+5a7ZesbHgw+LAk9By0g/T8udj\n"
  "oy8wLTAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwDwYDVR0TAQH/BAUwAwEB\n"
  "/zAKBggqhkjOPQQDAgNHADBEAiBw0ieWNr//+khEyYMMdwkpquCaAqoXt8Nxh0kN\n"
  "5kpmVAIgApKVhDNNEmq/+LA6OYurol9qTp3DhaPiL+cmnx/0tRA=\n"
  "-----END CERTIFICATE-----\n";

static const char test_key_pem[] =
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgEy6R7fzzeZuclriO\n"
  "SK3MxSxG5NvD6JgyafviQsHbbPWhRANCAASqCI0ywamkXFwqM2/Zi6ar3+ANLg7J\n"
  "3bfX/OuPriBYGbWI/5hChd7kJ5gSpO+5a7ZesbHgw+LAk9By0g/T8udj\n"
  "-----END PRIVATE KEY-----\n";

#define STALLED_HEAD \
  "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"items\":["

static void
request_free (PbTestRequest *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_free (request->authorization);
  g_free (request->accept);
  g_free (request->content_type);
  g_free (request->user_agent);
  g_free (request->body);
  g_clear_pointer (&request->headers, soup_message_headers_unref);
  g_free (request);
}

/* {{{ Lists */

char *
pb_test_server_item_ref (PbTestServer *server,
                         guint         index)
{
  if (server->ref_modulo != 0)
    index %= server->ref_modulo;
  return g_strdup_printf ("00000000-0000-4000-8000-%012u", index);
}

static void
append_item (GString    *out,
             const char *ref,
             guint       index)
{
  g_string_append_printf (out,
                          "{\"ref\":\"%s\",\"name\":\"Connection %u\","
                          "\"systemType\":\"DATA_SYSTEM\",\"archived\":false,"
                          "\"auth\":{\"authType\":\"NONE\"},"
                          "\"request\":{\"requestType\":\"GET\","
                          "\"connectionUrl\":\"https://example.com/%u\"}}",
                          ref, index, index);
}

static char *
page_json (PbTestServer *server,
           guint         offset,
           guint         limit)
{
  GString *out;
  guint end;

  if (server->first_page != NULL)
    return g_strdup (offset == 0 ? server->first_page : "{\"items\": []}");

  out = g_string_new ("{\"href\":\"x\",\"items\":[");
  end = MIN ((guint64) offset + limit, server->n_items);
  for (guint i = offset; i < end; i++)
    {
      g_autofree char *ref = pb_test_server_item_ref (server, i);

      if (i > offset)
        g_string_append_c (out, ',');
      append_item (out, ref, i);
    }
  g_string_append (out, "]}");

  return g_string_free (out, FALSE);
}

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              char              *json /* owned */)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, json,
                                    strlen (json));
}

static void
respond_page (PbTestServer      *server,
              SoupServerMessage *msg,
              guint              offset,
              guint              limit)
{
  respond_json (msg, SOUP_STATUS_OK, page_json (server, offset, limit));
}

/* }}} */
/* {{{ Holding, stealing and streaming */

static void
held_finished_cb (SoupServerMessage *msg,
                  PbTestServer      *server)
{
  g_ptr_array_remove (server->held, msg);
}

static void
hold (PbTestServer      *server,
      SoupServerMessage *msg)
{
  soup_server_message_pause (msg);
  g_ptr_array_add (server->held, g_object_ref (msg));
  g_signal_connect (msg, "finished", G_CALLBACK (held_finished_cb), server);
}

void
pb_test_server_release_held (PbTestServer *server)
{
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < server->held->len; i++)
    g_ptr_array_add (held, g_object_ref (g_ptr_array_index (server->held, i)));
  for (guint i = 0; i < held->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (held, i);
      GUri *uri = soup_server_message_get_uri (msg);
      g_autoptr(GHashTable) query = NULL;
      guint offset = 0;

      if (g_uri_get_query (uri) != NULL)
        {
          query = soup_form_decode (g_uri_get_query (uri));
          offset = atoi (g_hash_table_lookup (query, "offset") ?: "0");
        }
      respond_page (server, msg, offset, 100);
      soup_server_message_unpause (msg);
    }
}

static gboolean
batch_timeout_cb (gpointer user_data)
{
  PbTestServer *server = user_data;

  server->batch_timeout_id = 0;
  server->released_by_timeout = TRUE;
  pb_test_server_release_held (server);
  return G_SOURCE_REMOVE;
}

static void
stolen_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL);
  if (user_data != NULL)
    g_io_stream_close (G_IO_STREAM (user_data), NULL, NULL);
}

/* Takes the connection from SoupServer and writes `raw` on it; closes it after when asked. */
static void
steal_and_write (PbTestServer      *server,
                 SoupServerMessage *msg,
                 const char        *raw,
                 gboolean           close_after)
{
  GIOStream *stream = soup_server_message_steal_connection (msg);

  g_ptr_array_add (server->streams, stream);
  if (raw == NULL)
    {
      g_io_stream_close (stream, NULL, NULL);
      return;
    }
  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream), raw, strlen (raw),
                                   G_PRIORITY_DEFAULT, NULL, stolen_written_cb,
                                   close_after ? stream : NULL);
}

/* Closing with a zero linger time sends a RST instead of a FIN. */
static void
reset (PbTestServer      *server,
       SoupServerMessage *msg)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  struct linger linger = { .l_onoff = 1, .l_linger = 0 };

  g_assert_cmpint (setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger,
                               sizeof linger), ==, 0);
  steal_and_write (server, msg, NULL, TRUE);
}

static gboolean
stream_tick_cb (gpointer user_data)
{
  PbTestServer *server = user_data;
  gsize size = server->behaviour == PB_TEST_SERVER_HUGE_CHUNKED ? 1024 * 1024 : 64 * 1024;
  char *chunk = g_malloc (size);

  server->stream_source_id = 0;
  memset (chunk, ' ', size);
  soup_message_body_append (soup_server_message_get_response_body (server->streaming),
                            SOUP_MEMORY_TAKE, chunk, size);
  server->written += size;
  soup_server_message_unpause (server->streaming);
  return G_SOURCE_REMOVE;
}

static void
stream_wrote_chunk_cb (SoupServerMessage *msg,
                       PbTestServer      *server)
{
  soup_server_message_pause (msg);
  if (server->behaviour == PB_TEST_SERVER_HUGE_CHUNKED)
    server->stream_source_id = g_idle_add (stream_tick_cb, server);
  else
    server->stream_source_id = g_timeout_add (10, stream_tick_cb, server);
}

static void
stream_finished_cb (SoupServerMessage *msg,
                    PbTestServer      *server)
{
  g_clear_handle_id (&server->stream_source_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (msg, server);
  server->stream_finished = TRUE;
  g_clear_object (&server->streaming);
}

static void
start_streaming (PbTestServer      *server,
                 SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "application/json", NULL);
  if (server->behaviour == PB_TEST_SERVER_HUGE_CHUNKED)
    soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  else
    soup_message_headers_set_content_length (headers, 100 * 1024 * 1024);

  if (server->streaming != NULL)
    g_signal_handlers_disconnect_by_data (server->streaming, server);
  g_set_object (&server->streaming, msg);
  server->stream_finished = FALSE;
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (stream_wrote_chunk_cb), server);
  g_signal_connect (msg, "finished", G_CALLBACK (stream_finished_cb), server);
  soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC,
                            "{\"items\":[", 10);
  server->written += 10;
}

/* }}} */
/* {{{ Answering */

static PbTestRequest *
record_request (PbTestServer      *server,
                SoupServerMessage *msg,
                GHashTable        *query)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  PbTestRequest *request = g_new0 (PbTestRequest, 1);

  request->method = g_strdup (soup_server_message_get_method (msg));
  request->path = g_strdup (g_uri_get_path (uri));
  request->query = g_strdup (g_uri_get_query (uri));
  request->authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
  request->accept = g_strdup (soup_message_headers_get_one (headers, "Accept"));
  request->content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  request->user_agent = g_strdup (soup_message_headers_get_one (headers, "User-Agent"));
  request->headers = soup_message_headers_ref (headers);
  if (body->length > 0)
    request->body = g_strndup (body->data, body->length);
  if (query != NULL)
    {
      request->offset = atoi (g_hash_table_lookup (query, "offset") ?: "0");
      request->limit = atoi (g_hash_table_lookup (query, "limit") ?: "0");
    }
  g_ptr_array_add (server->requests, request);

  return request;
}

/* The behaviours that answer whatever was asked; FALSE for the ones that serve lists. */
static gboolean
misbehave (PbTestServer      *server,
           SoupServerMessage *msg)
{
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);

  switch (server->behaviour)
    {
    case PB_TEST_SERVER_ANSWER:
      soup_server_message_set_status (msg, server->status != 0 ? server->status : 200, NULL);
      if (server->retry_after != NULL)
        soup_message_headers_replace (response, "Retry-After", server->retry_after);
      if (server->body != NULL)
        soup_server_message_set_response (msg, server->content_type, SOUP_MEMORY_COPY,
                                          server->body, strlen (server->body));
      return TRUE;

    case PB_TEST_SERVER_STALL_HEADERS:
      hold (server, msg);
      return TRUE;

    case PB_TEST_SERVER_STALL_BODY:
      steal_and_write (server, msg, STALLED_HEAD, FALSE);
      return TRUE;

    case PB_TEST_SERVER_TRUNCATED:
      steal_and_write (server, msg, STALLED_HEAD, TRUE);
      return TRUE;

    case PB_TEST_SERVER_CLOSE:
      steal_and_write (server, msg, NULL, TRUE);
      return TRUE;

    case PB_TEST_SERVER_RESET:
      reset (server, msg);
      return TRUE;

    case PB_TEST_SERVER_REDIRECT_LOOP:
      {
        GUri *uri = soup_server_message_get_uri (msg);
        g_autofree char *location = g_uri_to_string_partial (uri, G_URI_HIDE_PASSWORD);

        soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, location);
      }
      return TRUE;

    case PB_TEST_SERVER_HUGE_LENGTH:
    case PB_TEST_SERVER_HUGE_CHUNKED:
      start_streaming (server, msg);
      return TRUE;

    case PB_TEST_SERVER_PAGED:
    case PB_TEST_SERVER_IGNORE_PAGING:
    case PB_TEST_SERVER_REPEAT:
    case PB_TEST_SERVER_HOLD_BATCHES:
    case PB_TEST_SERVER_HOLD:
    default:
      return FALSE;
    }
}

static void
serve_list (PbTestServer      *server,
            SoupServerMessage *msg,
            PbTestRequest     *request)
{
  guint index = request->limit > 0 ? request->offset / request->limit : 0;

  server->max_ahead = MAX (server->max_ahead, index + 1 - MIN (index + 1,
                                                               server->pages_delivered));

  switch (server->behaviour)
    {
    case PB_TEST_SERVER_IGNORE_PAGING:
      respond_page (server, msg, 0, server->n_items);
      break;

    case PB_TEST_SERVER_REPEAT:
      respond_page (server, msg, 0, 100);
      break;

    case PB_TEST_SERVER_HOLD_BATCHES:
      if (index < 2)
        {
          respond_page (server, msg, request->offset, request->limit);
          break;
        }
      hold (server, msg);
      if (server->held->len == 4)
        {
          g_clear_handle_id (&server->batch_timeout_id, g_source_remove);
          pb_test_server_release_held (server);
        }
      else if (server->batch_timeout_id == 0)
        {
          server->batch_timeout_id = g_timeout_add_seconds (20, batch_timeout_cb, server);
        }
      break;

    case PB_TEST_SERVER_HOLD:
      if (index < 2)
        respond_page (server, msg, request->offset, request->limit);
      else
        hold (server, msg);
      break;

    case PB_TEST_SERVER_PAGED:
    default:
      respond_page (server, msg, request->offset, request->limit);
      break;
    }
}

static void
server_handler (SoupServer        *soup_server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  PbTestServer *server = user_data;
  PbTestRequest *request = record_request (server, msg, query);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);

  if (server->token_answer != NULL && strcmp (request->path, "/oauth/token") == 0)
    {
      server->n_token_requests++;
      respond_json (msg, SOUP_STATUS_OK, g_strdup (server->token_answer));
      return;
    }

  if (server->close_after)
    soup_message_headers_replace (response, "Connection", "close");

  if (server->accepted_token != NULL)
    {
      g_autofree char *expected = g_strconcat ("Bearer ", server->accepted_token, NULL);

      if (g_strcmp0 (request->authorization, expected) != 0)
        {
          respond_json (msg, SOUP_STATUS_UNAUTHORIZED,
                        g_strdup ("{\"status\":401,\"code\":401,"
                                  "\"message\":\"The access token has expired.\"}"));
          return;
        }
    }

  if (server->redirect_all
      || (server->redirect_from != NULL && strcmp (request->path, server->redirect_from) == 0))
    {
      /* The Location as it is, even when it is not a valid address. */
      soup_server_message_set_status (msg, server->redirect_status, NULL);
      soup_message_headers_replace (response, "Location", server->location);
      return;
    }

  if (misbehave (server, msg))
    return;

  if (strcmp (request->method, "POST") == 0
      && strcmp (request->path, "/v2/connections/testConnection") == 0)
    {
      respond_json (msg, SOUP_STATUS_OK,
                    g_strdup ("{ \"statusCode\": 202, \"executionTimeInMilliseconds\": 12,\n"
                              "  \"request\": {\"headers\": {\"X-Correlation-Id\": \"c-1\"}}}"));
      return;
    }

  if (!g_str_has_suffix (request->path, "/v2/connections"))
    {
      /* One connection: the last path segment is its ref. */
      const char *ref = strrchr (request->path, '/') + 1;
      GString *out = g_string_new (NULL);

      append_item (out, ref, 0);
      respond_json (msg, SOUP_STATUS_OK, g_string_free (out, FALSE));
      return;
    }

  serve_list (server, msg, request);
}

/* }}} */
/* {{{ Life cycle */

PbTestServer *
pb_test_server_new (gboolean tls)
{
  PbTestServer *server = g_new0 (PbTestServer, 1);
  SoupServerListenOptions options = SOUP_SERVER_LISTEN_IPV4_ONLY;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  GSList *listeners;

  if (tls)
    {
      g_autofree char *pem = g_strconcat (pb_test_server_certificate_pem, test_key_pem, NULL);
      g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_pem (pem, -1, &error);

      g_assert_no_error (error);
      server->server = soup_server_new ("tls-certificate", certificate, NULL);
      options |= SOUP_SERVER_LISTEN_HTTPS;
    }
  else
    {
      server->server = soup_server_new (NULL, NULL);
    }

  server->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) request_free);
  server->held = g_ptr_array_new_with_free_func (g_object_unref);
  server->streams = g_ptr_array_new_with_free_func (g_object_unref);
  server->behaviour = PB_TEST_SERVER_PAGED;
  server->redirect_status = SOUP_STATUS_TEMPORARY_REDIRECT;
  soup_server_add_handler (server->server, NULL, server_handler, server, NULL);

  soup_server_listen_local (server->server, 0, options, &error);
  g_assert_no_error (error);

  /* The port from the listening socket (soup_server_get_uris() leaks in libsoup 3.2). */
  listeners = soup_server_get_listeners (server->server);
  g_assert_nonnull (listeners);
  address = g_socket_get_local_address (listeners->data, &error);
  g_assert_no_error (error);
  g_slist_free (listeners);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
  server->base_url = g_strdup_printf ("%s://127.0.0.1:%u", tls ? "https" : "http", server->port);

  return server;
}

void
pb_test_server_free (PbTestServer *server)
{
  g_clear_handle_id (&server->batch_timeout_id, g_source_remove);
  g_clear_handle_id (&server->stream_source_id, g_source_remove);

  /* Answer what was held, so that no paused message outlives the server. */
  while (server->held->len > 0)
    {
      SoupServerMessage *msg = g_object_ref (g_ptr_array_index (server->held, 0));

      g_signal_handlers_disconnect_by_data (msg, server);
      g_ptr_array_remove_index (server->held, 0);
      soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      soup_server_message_unpause (msg);
      g_object_unref (msg);
    }
  if (server->streaming != NULL)
    {
      g_signal_handlers_disconnect_by_data (server->streaming, server);
      soup_message_body_complete (soup_server_message_get_response_body (server->streaming));
      soup_server_message_unpause (server->streaming);
      g_clear_object (&server->streaming);
    }
  for (guint i = 0; i < server->streams->len; i++)
    g_io_stream_close (g_ptr_array_index (server->streams, i), NULL, NULL);
  pb_test_spin (50);

  soup_server_disconnect (server->server);
  g_clear_object (&server->server);
  g_ptr_array_unref (server->requests);
  g_ptr_array_unref (server->held);
  g_ptr_array_unref (server->streams);
  g_free (server->base_url);
  g_free (server->first_page);
  g_free (server->content_type);
  g_free (server->body);
  g_free (server->retry_after);
  g_free (server->redirect_from);
  g_free (server->location);
  g_free (server->accepted_token);
  g_free (server->token_answer);
  g_free (server);
}

PbTestRequest *
pb_test_server_get_request (PbTestServer *server,
                            guint         index)
{
  g_assert_cmpuint (index, <, server->requests->len);
  return g_ptr_array_index (server->requests, index);
}

/* }}} */
