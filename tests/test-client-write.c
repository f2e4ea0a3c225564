/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-client"

#include "config.h"

#include <string.h>

#include "test-client-util.h"

/* The client's writes: what a POST and a PUT send, what they make of each answer, and that a
 * write is never sent twice. */

#define REF     "47c20b31-b5d8-492f-94e5-064958716c21"
#define BODY    "{\"name\":\"Weather\",\"systemType\":\"DATA_SYSTEM\"," \
                "\"auth\":{\"authType\":\"NONE\"}," \
                "\"request\":{\"requestType\":\"GET\",\"connectionUrl\":\"https://e.com/\"}," \
                "\"unknownField\":[1,{\"x\":null}]}"
#define ANSWER  "{\"ref\":\"" REF "\",\"name\":\"Weather\",\"revision\":3," \
                "\"modifiedAt\":\"2026-12-05T18:00:00.000Z\",\"systemType\":\"DATA_SYSTEM\"}"

typedef struct
{
  gboolean      done;
  GError       *error;
  PbConnection *connection;
} WriteResult;

static void
write_result_clear (WriteResult *result)
{
  g_clear_error (&result->error);
  g_clear_object (&result->connection);
  result->done = FALSE;
}

static void
create_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  WriteResult *result = user_data;

  result->connection = pb_client_create_connection_finish (PB_CLIENT (object), res,
                                                           &result->error);
  g_assert_true ((result->connection == NULL) != (result->error == NULL));
  result->done = TRUE;
}

static void
update_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  WriteResult *result = user_data;

  result->connection = pb_client_update_connection_finish (PB_CLIENT (object), res,
                                                           &result->error);
  g_assert_true ((result->connection == NULL) != (result->error == NULL));
  result->done = TRUE;
}

static void
create_sync (PbClient    *client,
             const char  *body,
             WriteResult *result)
{
  pb_client_create_connection_async (client, body, NULL, create_cb, result);
  pb_test_wait_for_flag (&result->done);
}

static void
update_sync (PbClient    *client,
             const char  *ref,
             const char  *body,
             WriteResult *result)
{
  pb_client_update_connection_async (client, ref, body, NULL, update_cb, result);
  pb_test_wait_for_flag (&result->done);
}

static void
answer (PbTestServer *server,
        guint         status,
        const char   *body)
{
  server->behaviour = PB_TEST_SERVER_ANSWER;
  server->status = status;
  g_free (server->content_type);
  server->content_type = g_strdup ("application/json");
  g_free (server->body);
  server->body = g_strdup (body);
}

/* {{{ Requests and answers */

static void
assert_write_request (PbTestServer *server,
                      guint         index,
                      const char   *method,
                      const char   *path)
{
  PbTestRequest *request = pb_test_server_get_request (server, index);

  g_assert_cmpstr (request->method, ==, method);
  g_assert_cmpstr (request->path, ==, path);
  g_assert_null (request->query);
  g_assert_cmpstr (request->authorization, ==, "Bearer " TOKEN);
  g_assert_cmpstr (request->accept, ==, "application/json");
  g_assert_cmpstr (request->content_type, ==, "application/json");
  /* The body exactly as given: the client does not rewrite it. */
  g_assert_cmpstr (request->body, ==, BODY);
}

static void
test_create (ClientFixture *fixture,
             gconstpointer  data)
{
  WriteResult result = { 0 };

  answer (fixture->server, 201, ANSWER);
  create_sync (fixture->client, BODY, &result);
  g_assert_no_error (result.error);
  g_assert_cmpstr (pb_connection_get_ref (result.connection), ==, REF);
  g_assert_cmpint (pb_connection_get_revision (result.connection), ==, 3);
  g_assert_cmpuint (fixture->server->requests->len, ==, 1);
  assert_write_request (fixture->server, 0, "POST", "/v2/connections");
  write_result_clear (&result);

  /* 200 is a success as well. */
  answer (fixture->server, 200, ANSWER);
  create_sync (fixture->client, BODY, &result);
  g_assert_no_error (result.error);
  g_assert_cmpstr (pb_connection_get_ref (result.connection), ==, REF);
  write_result_clear (&result);
}

static void
test_update (ClientFixture *fixture,
             gconstpointer  data)
{
  WriteResult result = { 0 };

  answer (fixture->server, 201, ANSWER);
  update_sync (fixture->client, REF, BODY, &result);
  g_assert_no_error (result.error);
  g_assert_cmpstr (pb_connection_get_name (result.connection), ==, "Weather");
  assert_write_request (fixture->server, 0, "PUT", "/v2/connections/" REF);
  write_result_clear (&result);

  answer (fixture->server, 200, ANSWER);
  update_sync (fixture->client, REF, BODY, &result);
  g_assert_no_error (result.error);
  g_assert_cmpint (pb_connection_get_revision (result.connection), ==, 3);
  write_result_clear (&result);

  /* The ref is one path segment; an unusable one is not sent at all. */
  update_sync (fixture->client, "a b/c", BODY, &result);
  g_assert_no_error (result.error);
  g_assert_cmpstr (pb_test_server_get_request (fixture->server, 2)->path, ==,
                   "/v2/connections/a b/c");
  write_result_clear (&result);

  update_sync (fixture->client, "..", BODY, &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NOT_FOUND);
  g_assert_false (pb_client_error_get_request_sent (result.error));
  g_assert_cmpuint (fixture->server->requests->len, ==, 3);
  write_result_clear (&result);
}

/* A success whose body is not a connection: the server took the write. */
static void
test_unreadable_success (ClientFixture *fixture,
                         gconstpointer  data)
{
  WriteResult result = { 0 };

  answer (fixture->server, 201, "<html>Created</html>");
  update_sync (fixture->client, REF, BODY, &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
  g_assert_true (pb_client_error_get_request_sent (result.error));
  g_assert_cmpuint (fixture->server->requests->len, ==, 1);
  write_result_clear (&result);
}

/* }}} */
/* {{{ Errors */

static void
test_errors (ClientFixture *fixture,
             gconstpointer  data)
{
  static const struct {
    guint         status;
    int           code;
  } cases[] = {
    { 400, PB_CLIENT_ERROR_REJECTED },
    { 401, PB_CLIENT_ERROR_UNAUTHORIZED },
    { 403, PB_CLIENT_ERROR_FORBIDDEN },
    { 404, PB_CLIENT_ERROR_NOT_FOUND },
    { 409, PB_CLIENT_ERROR_REJECTED },
    { 415, PB_CLIENT_ERROR_REJECTED },
    { 500, PB_CLIENT_ERROR_SERVER },
    { 503, PB_CLIENT_ERROR_SERVER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"status\":%u,\"code\":%u1,"
                                               "\"message\":\"Refused because of %u.\","
                                               "\"developerMessage\":\"dev\"}",
                                               cases[i].status, cases[i].status,
                                               cases[i].status);
      g_autofree char *message = g_strdup_printf ("Refused because of %u.", cases[i].status);
      guint before = fixture->server->requests->len;
      WriteResult result = { 0 };

      g_test_message ("status %u", cases[i].status);
      answer (fixture->server, cases[i].status, body);

      for (guint create = 0; create < 2; create++)
        {
          if (create)
            create_sync (fixture->client, BODY, &result);
          else
            update_sync (fixture->client, REF, BODY, &result);

          g_assert_error (result.error, PB_CLIENT_ERROR, cases[i].code);
          g_assert_cmpuint (pb_client_error_get_status (result.error), ==, cases[i].status);
          g_assert_cmpstr (pb_client_error_get_server_message (result.error), ==, message);
          /* An answer came: the server said what it did. */
          g_assert_false (pb_client_error_get_request_sent (result.error));
          assert_clean_message (result.error);
          write_result_clear (&result);
        }

      /* Never repeated. */
      g_assert_cmpuint (fixture->server->requests->len, ==, before + 2);
    }
}

/* A 401 is repeated once with a renewed token, the body unchanged. */
static void
test_token_renewed (void)
{
  g_autoptr(PbTestServer) server = pb_test_server_new (FALSE);
  PbClient *client = pb_client_new (server->base_url);
  TestTokenSource *source = g_object_new (TEST_TYPE_TOKEN_SOURCE, NULL);
  WriteResult result = { 0 };

  source->token = g_strdup ("old-token");
  source->renewed_token = g_strdup ("new-token");
  server->accepted_token = g_strdup ("new-token");
  answer (server, 201, ANSWER);
  pb_client_set_token_source (client, PB_TOKEN_SOURCE (source));

  update_sync (client, REF, BODY, &result);
  g_assert_no_error (result.error);
  g_assert_cmpuint (source->n_renew, ==, 1);
  g_assert_cmpuint (server->requests->len, ==, 2);
  g_assert_cmpstr (pb_test_server_get_request (server, 0)->authorization, ==, "Bearer old-token");
  g_assert_cmpstr (pb_test_server_get_request (server, 1)->authorization, ==, "Bearer new-token");
  g_assert_cmpstr (pb_test_server_get_request (server, 1)->method, ==, "PUT");
  g_assert_cmpstr (pb_test_server_get_request (server, 1)->body, ==, BODY);
  write_result_clear (&result);

  /* Refused again: not a third time. */
  g_free (server->accepted_token);
  server->accepted_token = g_strdup ("the-right-one");
  create_sync (client, BODY, &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (server->requests->len, ==, 4);
  write_result_clear (&result);

  pb_test_assert_finalized (client);
  pb_test_assert_finalized (source);
}

/* }}} */
/* {{{ Dropped connections */

static void
test_dropped_after_send (ClientFixture *fixture,
                         gconstpointer  data)
{
  static const PbTestServerBehaviour behaviours[] = {
    PB_TEST_SERVER_CLOSE,
    PB_TEST_SERVER_RESET,
    PB_TEST_SERVER_TRUNCATED,
    PB_TEST_SERVER_STALL_HEADERS,
  };

  pb_client_set_timeout (fixture->client, 1);

  for (guint i = 0; i < G_N_ELEMENTS (behaviours); i++)
    {
      for (guint create = 0; create < 2; create++)
        {
          guint before = fixture->server->requests->len;
          WriteResult result = { 0 };

          g_test_message ("behaviour %d, %s", behaviours[i], create ? "create" : "update");
          fixture->server->behaviour = behaviours[i];
          if (create)
            create_sync (fixture->client, BODY, &result);
          else
            update_sync (fixture->client, REF, BODY, &result);

          g_assert_nonnull (result.error);
          g_assert_true (result.error->domain == PB_CLIENT_ERROR);
          g_assert_true (pb_client_error_get_request_sent (result.error));
          assert_clean_message (result.error);
          /* The server got it once, whole, and it was not sent again. */
          g_assert_cmpuint (fixture->server->requests->len, ==, before + 1);
          g_assert_cmpstr (pb_test_server_get_request (fixture->server, before)->body, ==,
                           BODY);
          write_result_clear (&result);
          pb_test_server_release_held (fixture->server);
        }
    }

  /* Reads are not marked. */
  {
    Result result = { 0 };

    fixture->server->behaviour = PB_TEST_SERVER_CLOSE;
    get_sync (fixture->client, REF, &result);
    g_assert_nonnull (result.error);
    g_assert_false (pb_client_error_get_request_sent (result.error));
    result_clear (&result);
  }
}

/* Nothing reached a server: not sent. */
static void
test_not_sent (void)
{
  g_autoptr(PbTestServer) server = pb_test_server_new (FALSE);
  g_autofree char *base_url = g_strdup (server->base_url);
  PbClient *client;
  WriteResult result = { 0 };

  /* The port is free again once the server is gone. */
  g_clear_pointer (&server, pb_test_server_free);
  client = pb_client_new (base_url);
  pb_client_set_access_token (client, TOKEN);
  update_sync (client, REF, BODY, &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK);
  g_assert_false (pb_client_error_get_request_sent (result.error));
  write_result_clear (&result);

  pb_test_assert_finalized (client);
}

/* }}} */
/* {{{ Redirects */

static void
test_redirects (ClientFixture *fixture,
                gconstpointer  data)
{
  PbTestServer *server = fixture->server;
  g_autofree char *moved = g_strconcat (server->base_url, "/v2/moved", NULL);
  static const guint refused[] = { 301, 302, 303 };
  WriteResult result = { 0 };

  answer (server, 201, ANSWER);
  server->redirect_from = g_strdup ("/v2/connections/" REF);
  server->location = g_strdup (moved);

  /* 307 and 308 on the same server: sent there, method and body kept. */
  server->redirect_status = 307;
  update_sync (fixture->client, REF, BODY, &result);
  g_assert_no_error (result.error);
  g_assert_cmpuint (server->requests->len, ==, 2);
  g_assert_cmpstr (pb_test_server_get_request (server, 1)->method, ==, "PUT");
  g_assert_cmpstr (pb_test_server_get_request (server, 1)->path, ==, "/v2/moved");
  g_assert_cmpstr (pb_test_server_get_request (server, 1)->body, ==, BODY);
  write_result_clear (&result);

  /* Any other: not followed, never turned into a GET that would look like a success. */
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      guint before = server->requests->len;

      server->redirect_status = refused[i];
      update_sync (fixture->client, REF, BODY, &result);
      g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_REDIRECTED);
      g_assert_false (pb_client_error_get_request_sent (result.error));
      assert_clean_message (result.error);
      g_assert_cmpuint (server->requests->len, ==, before + 1);
      write_result_clear (&result);
    }

  /* Another server: not followed either. */
  g_free (server->location);
  server->location = g_strdup ("http://example.com/v2/connections");
  server->redirect_status = 307;
  update_sync (fixture->client, REF, BODY, &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_REDIRECTED);
  write_result_clear (&result);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  client_test_add ("/client-write/create", test_create);
  client_test_add ("/client-write/update", test_update);
  client_test_add ("/client-write/unreadable-success", test_unreadable_success);
  client_test_add ("/client-write/errors", test_errors);
  g_test_add_func ("/client-write/token-renewed", test_token_renewed);
  client_test_add ("/client-write/dropped-after-send", test_dropped_after_send);
  g_test_add_func ("/client-write/not-sent", test_not_sent);
  client_test_add ("/client-write/redirects", test_redirects);

  return g_test_run ();
}
