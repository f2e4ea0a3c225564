/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-client"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "pb-demo-server.h"
#include "pb-token-source.h"
#include "test-client-util.h"

/* One call: the request that goes out, one connection, a test, the sign-in check, tokens that
 * get renewed, TLS, and the demo server. */

/* {{{ Requests */

static void
test_base_url (void)
{
  static const char *suffixes[] = { "/api", "/api/", "/api//" };
  PbTestServer *server = pb_test_server_new (FALSE);

  server->n_items = 3;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *base = g_strconcat (server->base_url, suffixes[i], NULL);
      PbClient *client = pb_client_new (base);
      Result result = { 0 };

      g_assert_cmpstr (pb_client_get_base_url (client), ==, base);
      g_ptr_array_set_size (server->requests, 0);
      list_sync (client, &result, NULL);
      g_assert_no_error (result.error);
      g_assert_cmpuint (result.list->len, ==, 3);
      g_assert_cmpstr (pb_test_server_get_request (server, 0)->path, ==,
                       i < 2 ? "/api/v2/connections" : "/api//v2/connections");
      result_clear (&result);
      pb_test_assert_finalized (client);
    }

  /* Without a path at all, with and without the slash. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *base = g_strconcat (server->base_url, i ? "/" : "", NULL);
      PbClient *client = pb_client_new (base);
      Result result = { 0 };

      g_ptr_array_set_size (server->requests, 0);
      list_sync (client, &result, NULL);
      g_assert_no_error (result.error);
      g_assert_cmpstr (pb_test_server_get_request (server, 0)->path, ==, "/v2/connections");
      result_clear (&result);
      pb_test_assert_finalized (client);
    }

  pb_test_server_free (server);
}

static void
test_base_url_invalid (void)
{
  static const char *bases[] = { "", "not a url", "ftp://example.com", "https://", "/v2" };

  for (guint i = 0; i < G_N_ELEMENTS (bases); i++)
    {
      PbClient *client = pb_client_new (bases[i]);
      Result result = { 0 };

      list_sync (client, &result, NULL);
      g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK);
      assert_clean_message (result.error);
      result_clear (&result);

      get_sync (client, "abc", &result);
      g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK);
      result_clear (&result);
      pb_test_assert_finalized (client);
    }
}

static void
test_headers (ClientFixture *fixture,
              gconstpointer  data)
{
  PbTestServer *server = fixture->server;
  PbClient *client = fixture->client;
  Result result = { 0 };
  PbTestRequest *request;

  server->n_items = 1;
  list_sync (client, &result, NULL);
  g_assert_no_error (result.error);
  request = pb_test_server_get_request (server, 0);
  g_assert_cmpstr (request->authorization, ==, "Bearer " TOKEN);
  g_assert_cmpstr (request->accept, ==, "application/json");
  g_assert_cmpstr (request->user_agent, ==, "Plugboard/" PACKAGE_VERSION);
  g_assert_null (request->body);
  result_clear (&result);

  /* No token: no Authorization at all. */
  pb_client_set_access_token (client, NULL);
  g_ptr_array_set_size (server->requests, 0);
  list_sync (client, &result, NULL);
  g_assert_no_error (result.error);
  g_assert_null (pb_test_server_get_request (server, 0)->authorization);
  g_assert_cmpstr (pb_test_server_get_request (server, 0)->accept, ==, "application/json");
  result_clear (&result);

  /* A token pasted with spaces around it. */
  pb_client_set_access_token (client, "  " TOKEN "\n");
  g_ptr_array_set_size (server->requests, 0);
  list_sync (client, &result, NULL);
  g_assert_no_error (result.error);
  g_assert_cmpstr (pb_test_server_get_request (server, 0)->authorization, ==, "Bearer " TOKEN);
  result_clear (&result);

  /* A token that cannot go in a header is refused before anything is sent. */
  pb_client_set_access_token (client, "abc\r\nX-Evil: 1");
  g_ptr_array_set_size (server->requests, 0);
  list_sync (client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_null (strstr (result.error->message, "Evil"));
  g_assert_cmpuint (server->requests->len, ==, 0);
  result_clear (&result);
}

static void
test_get_connection (ClientFixture *fixture,
                     gconstpointer  data)
{
  PbTestServer *server = fixture->server;
  PbClient *client = fixture->client;
  Result result = { 0 };

  get_sync (client, "47c20b31-b5d8-492f-94e5-064958716c21", &result);
  g_assert_no_error (result.error);
  g_assert_cmpstr (pb_connection_get_ref (result.connection), ==,
                   "47c20b31-b5d8-492f-94e5-064958716c21");
  g_assert_cmpstr (pb_test_server_get_request (server, 0)->method, ==, "GET");
  g_assert_cmpstr (pb_test_server_get_request (server, 0)->path, ==,
                   "/v2/connections/47c20b31-b5d8-492f-94e5-064958716c21");
  g_assert_cmpstr (pb_test_server_get_request (server, 0)->authorization, ==, "Bearer " TOKEN);
  result_clear (&result);

  /* A ref is one path segment, whatever it holds (SoupServer hands over the path decoded). */
  get_sync (client, "a b?c#d&e", &result);
  g_assert_no_error (result.error);
  g_assert_cmpstr (pb_connection_get_ref (result.connection), ==, "a b?c#d&e");
  g_assert_cmpstr (pb_test_server_get_request (server, 1)->path, ==, "/v2/connections/a b?c#d&e");
  g_assert_null (pb_test_server_get_request (server, 1)->query);
  result_clear (&result);

  /* "..." is a name like any other. */
  get_sync (client, "...", &result);
  g_assert_no_error (result.error);
  g_assert_cmpstr (pb_test_server_get_request (server, 2)->path, ==, "/v2/connections/...");
  result_clear (&result);

  /* No ref, or one that would mean "this" or "parent folder": nothing to ask for. */
  for (guint i = 0; i < 3; i++)
    {
      get_sync (client, (const char *[]) { "", ".", ".." }[i], &result);
      g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NOT_FOUND);
      assert_clean_message (result.error);
      result_clear (&result);
    }
  g_assert_cmpuint (server->requests->len, ==, 3);
}

static void
test_get_cancel (ClientFixture *fixture,
                 gconstpointer  data)
{
  PbTestServer *server = fixture->server;
  PbClient *client = fixture->client;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result result = { 0 };

  server->behaviour = PB_TEST_SERVER_STALL_HEADERS;
  pb_client_get_connection_async (client, "x", cancellable, get_cb, &result);
  while (server->held->len < 1)
    g_main_context_iteration (NULL, TRUE);

  g_cancellable_cancel (cancellable);
  pb_test_wait_for_flag (&result.done);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  result_clear (&result);
}

static void
test_test_connection (ClientFixture *fixture,
                      gconstpointer  data)
{
  static const char json[] =
    "{\"ref\":\"r-9\",\"name\":\"Weather\",\"undocumented\":{\"kept\":[1,2]},"
    "\"auth\":{\"authType\":\"NONE\"}}";
  PbTestServer *server = fixture->server;
  PbClient *client = fixture->client;
  g_autoptr(PbConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_body = NULL;
  Result result = { 0 };
  PbTestRequest *request;

  connection = pb_connection_new_from_data (json, -1, &error);
  g_assert_no_error (error);

  pb_client_test_connection_async (client, connection, NULL, test_cb, &result);
  pb_test_wait_for_flag (&result.done);
  g_assert_no_error (result.error);
  /* The report comes back as compact JSON text. */
  g_assert_cmpstr (result.report, ==,
                   "{\"statusCode\":202,\"executionTimeInMilliseconds\":12,"
                   "\"request\":{\"headers\":{\"X-Correlation-Id\":\"c-1\"}}}");

  request = pb_test_server_get_request (server, 0);
  g_assert_cmpstr (request->method, ==, "POST");
  g_assert_cmpstr (request->path, ==, "/v2/connections/testConnection");
  g_assert_cmpstr (request->content_type, ==, "application/json");
  g_assert_cmpstr (request->accept, ==, "application/json");
  g_assert_cmpstr (request->authorization, ==, "Bearer " TOKEN);
  expected_body = g_strconcat ("{\"connection\":", pb_connection_get_json (connection), "}",
                               NULL);
  g_assert_cmpstr (request->body, ==, expected_body);
  g_assert_nonnull (strstr (request->body, "\"undocumented\":{\"kept\":[1,2]}"));
  result_clear (&result);

  /* White space inside strings stays; numbers stay as written. */
  server->behaviour = PB_TEST_SERVER_ANSWER;
  server->status = 200;
  server->content_type = g_strdup ("application/json");
  server->body = g_strdup ("{ \"statusCode\" : 2.50E1 ,\n \"body\": \"a  b\\n\" , \"x\": [ ] }");
  pb_client_test_connection_async (client, connection, NULL, test_cb, &result);
  pb_test_wait_for_flag (&result.done);
  g_assert_no_error (result.error);
  g_assert_cmpstr (result.report, ==, "{\"statusCode\":2.50E1,\"body\":\"a  b\\n\",\"x\":[]}");
  result_clear (&result);

  /* A report that is not an object. */
  g_free (server->body);
  server->body = g_strdup ("[\"not\", \"an object\"]");
  pb_client_test_connection_async (client, connection, NULL, test_cb, &result);
  pb_test_wait_for_flag (&result.done);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
  result_clear (&result);

  /* The server refuses the connection. */
  server->status = 400;
  g_free (server->body);
  server->body = g_strdup ("{\"status\":400,\"code\":1234,"
                           "\"message\":\"Connection name already exists.\","
                           "\"developerMessage\":\"name must be unique\"}");
  pb_client_test_connection_async (client, connection, NULL, test_cb, &result);
  pb_test_wait_for_flag (&result.done);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_REJECTED);
  g_assert_cmpstr (result.error->message, ==,
                   "The server refused the request: Connection name already exists.");
  g_assert_cmpstr (pb_client_error_get_server_message (result.error), ==,
                   "Connection name already exists.");
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 400);
  result_clear (&result);
}

/* The report read for people: the same request, its fields on the result. */
static void
test_run_test (ClientFixture *fixture,
               gconstpointer  data)
{
  static const char json[] =
    "{\"ref\":\"r-9\",\"name\":\"Weather\",\"auth\":{\"authType\":\"NONE\"}}";
  PbTestServer *server = fixture->server;
  PbClient *client = fixture->client;
  g_autoptr(PbConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_body = NULL;
  Result result = { 0 };
  PbNameValue *header;
  GListModel *headers;
  PbTestRequest *request;

  connection = pb_connection_new_from_data (json, -1, &error);
  g_assert_no_error (error);

  run_test_sync (client, connection, &result);
  g_assert_no_error (result.error);
  g_assert_true (PB_IS_TEST_REPORT (result.test_report));
  g_assert_cmpuint (pb_test_report_get_status (result.test_report), ==, 202);
  g_assert_true (pb_test_report_get_succeeded (result.test_report));
  g_assert_cmpint (pb_test_report_get_execution_time (result.test_report), ==, 12);
  headers = pb_test_report_get_headers (result.test_report);
  g_assert_cmpuint (g_list_model_get_n_items (headers), ==, 1);
  header = g_list_model_get_item (headers, 0);
  g_assert_cmpstr (pb_name_value_get_name (header), ==, "X-Correlation-Id");
  g_assert_cmpstr (pb_name_value_get_value (header), ==, "c-1");
  g_object_unref (header);

  g_assert_cmpuint (server->requests->len, ==, 1);
  request = pb_test_server_get_request (server, 0);
  g_assert_cmpstr (request->method, ==, "POST");
  g_assert_cmpstr (request->path, ==, "/v2/connections/testConnection");
  g_assert_cmpstr (request->content_type, ==, "application/json");
  g_assert_cmpstr (request->authorization, ==, "Bearer " TOKEN);
  expected_body = g_strconcat ("{\"connection\":", pb_connection_get_json (connection), "}",
                               NULL);
  g_assert_cmpstr (request->body, ==, expected_body);
  result_clear (&result);

  /* Numbers stay as written in the pretty report. */
  server->behaviour = PB_TEST_SERVER_ANSWER;
  server->status = 200;
  server->content_type = g_strdup ("application/json");
  server->body = g_strdup ("{ \"statusCode\" : 503 , \"body\": 1.50E1 }");
  run_test_sync (client, connection, &result);
  g_assert_no_error (result.error);
  g_assert_cmpuint (pb_test_report_get_status (result.test_report), ==, 503);
  g_assert_false (pb_test_report_get_succeeded (result.test_report));
  g_assert_cmpint (pb_test_report_get_execution_time (result.test_report), ==, -1);
  g_assert_nonnull (strstr (pb_test_report_get_json_pretty (result.test_report), "1.50E1"));
  result_clear (&result);

  /* A report that is not an object. */
  g_free (server->body);
  server->body = g_strdup ("[\"not\", \"an object\"]");
  run_test_sync (client, connection, &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
  assert_clean_message (result.error);
  result_clear (&result);

  /* The server refuses the test: its words, as for any call. */
  server->status = 400;
  g_free (server->body);
  server->body = g_strdup ("{\"status\":400,\"message\":\"Connection name already exists.\"}");
  run_test_sync (client, connection, &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_REJECTED);
  g_assert_cmpstr (result.error->message, ==,
                   "The server refused the request: Connection name already exists.");
  result_clear (&result);
}

/* }}} */
/* {{{ Token source */

static void
test_token_renewed (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = pb_client_new (server->base_url);
  TestTokenSource *source = g_object_new (TEST_TYPE_TOKEN_SOURCE, NULL);
  Result result = { 0 };

  source->token = g_strdup ("old-token");
  source->renewed_token = g_strdup ("new-token");
  server->accepted_token = g_strdup ("new-token");
  server->n_items = 3;
  pb_client_set_token_source (client, PB_TOKEN_SOURCE (source));

  list_sync (client, &result, NULL);
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.list->len, ==, 3);
  g_assert_cmpuint (source->n_get, ==, 1);
  g_assert_cmpuint (source->n_renew, ==, 1);
  g_assert_cmpuint (server->requests->len, ==, 2);
  g_assert_cmpstr (pb_test_server_get_request (server, 0)->authorization, ==, "Bearer old-token");
  g_assert_cmpstr (pb_test_server_get_request (server, 1)->authorization, ==, "Bearer new-token");
  g_assert_cmpuint (pb_test_server_get_request (server, 1)->offset, ==, 0);
  result_clear (&result);

  pb_test_assert_finalized (client);
  pb_test_assert_finalized (source);
  pb_test_server_free (server);
}

static void
test_token_refused_twice (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = pb_client_new (server->base_url);
  TestTokenSource *source = g_object_new (TEST_TYPE_TOKEN_SOURCE, NULL);
  Result result = { 0 };

  source->token = g_strdup ("old-token");
  source->renewed_token = g_strdup ("also-refused");
  server->accepted_token = g_strdup ("the-right-one");
  pb_client_set_token_source (client, PB_TOKEN_SOURCE (source));

  get_sync (client, "x", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 401);
  g_assert_cmpstr (pb_client_error_get_server_message (result.error), ==,
                   "The access token has expired.");
  g_assert_cmpuint (source->n_get, ==, 1);
  g_assert_cmpuint (source->n_renew, ==, 1);
  g_assert_cmpuint (server->requests->len, ==, 2);
  result_clear (&result);

  /* A source that cannot renew: its error is the answer, no third request. */
  g_clear_pointer (&source->renewed_token, g_free);
  g_ptr_array_set_size (server->requests, 0);
  get_sync (client, "x", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (server->requests->len, ==, 1);
  result_clear (&result);

  /* A fixed token replaces the source and is never renewed. */
  pb_client_set_access_token (client, "fixed-token");
  g_ptr_array_set_size (server->requests, 0);
  get_sync (client, "x", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (server->requests->len, ==, 1);
  g_assert_cmpstr (pb_test_server_get_request (server, 0)->authorization, ==, "Bearer fixed-token");
  g_assert_cmpuint (source->n_renew, ==, 2);
  result_clear (&result);

  pb_test_assert_finalized (client);
  pb_test_assert_finalized (source);
  pb_test_server_free (server);
}

/* }}} */
/* {{{ Sign-in check */

static void
test_check_sign_in (ClientFixture *fixture,
                    gconstpointer  data)
{
  PbTestServer *server = fixture->server;
  PbClient *client = fixture->client;
  Result result = { 0 };
  PbTestRequest *request;

  /* Many connections: still one request, for one of them. */
  server->n_items = 250;
  check_sign_in_sync (client, &result);
  g_assert_no_error (result.error);
  g_assert_true (result.signed_in);
  g_assert_cmpuint (server->requests->len, ==, 1);
  request = pb_test_server_get_request (server, 0);
  g_assert_cmpstr (request->method, ==, "GET");
  g_assert_cmpstr (request->path, ==, "/v2/connections");
  g_assert_cmpstr (request->query, ==, "limit=1&offset=0");
  g_assert_cmpstr (request->authorization, ==, "Bearer " TOKEN);
  g_assert_cmpstr (request->accept, ==, "application/json");
  result_clear (&result);

  /* No connections at all is a fine answer too. */
  server->n_items = 0;
  g_ptr_array_set_size (server->requests, 0);
  check_sign_in_sync (client, &result);
  g_assert_no_error (result.error);
  g_assert_true (result.signed_in);
  g_assert_cmpuint (server->requests->len, ==, 1);
  result_clear (&result);

  /* A server that ignores paging sends everything: still one request. */
  server->n_items = 150;
  server->behaviour = PB_TEST_SERVER_IGNORE_PAGING;
  g_ptr_array_set_size (server->requests, 0);
  check_sign_in_sync (client, &result);
  g_assert_no_error (result.error);
  g_assert_true (result.signed_in);
  g_assert_cmpuint (server->requests->len, ==, 1);
  result_clear (&result);

  /* An answer that is not the API's: no sign-in to speak of. */
  server->behaviour = PB_TEST_SERVER_ANSWER;
  server->status = 200;
  server->content_type = g_strdup ("text/html");
  server->body = g_strdup ("<html><body>Welcome to nginx!</body></html>");
  check_sign_in_sync (client, &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_BAD_RESPONSE);
  g_assert_false (result.signed_in);
  assert_clean_message (result.error);
  result_clear (&result);
}

static void
test_check_sign_in_refused (void)
{
  PbTestServer *server = pb_test_server_new (FALSE);
  PbClient *client = client_for (server);
  TestTokenSource *source = g_object_new (TEST_TYPE_TOKEN_SOURCE, NULL);
  Result result = { 0 };

  /* A fixed token the API refuses: one request, and the sign-in error. */
  server->accepted_token = g_strdup ("the-right-one");
  check_sign_in_sync (client, &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_false (result.signed_in);
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 401);
  g_assert_cmpstr (result.error->message, ==,
                   "The server refused the sign-in: The access token has expired. Check the "
                   "account in Preferences.");
  g_assert_cmpuint (server->requests->len, ==, 1);
  g_assert_cmpstr (pb_test_server_get_request (server, 0)->query, ==, "limit=1&offset=0");
  result_clear (&result);

  /* With a token source: renewed once, as every call, then the same error. */
  source->token = g_strdup ("old-token");
  source->renewed_token = g_strdup ("also-refused");
  pb_client_set_token_source (client, PB_TOKEN_SOURCE (source));
  g_ptr_array_set_size (server->requests, 0);
  check_sign_in_sync (client, &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (source->n_renew, ==, 1);
  g_assert_cmpuint (server->requests->len, ==, 2);
  g_assert_cmpstr (pb_test_server_get_request (server, 1)->authorization, ==,
                   "Bearer also-refused");
  g_assert_cmpstr (pb_test_server_get_request (server, 1)->query, ==, "limit=1&offset=0");
  result_clear (&result);

  /* The renewed token is the right one: signed in. */
  g_free (source->renewed_token);
  source->renewed_token = g_strdup ("the-right-one");
  g_ptr_array_set_size (server->requests, 0);
  check_sign_in_sync (client, &result);
  g_assert_no_error (result.error);
  g_assert_true (result.signed_in);
  g_assert_cmpuint (server->requests->len, ==, 2);
  result_clear (&result);

  pb_test_assert_finalized (client);
  pb_test_assert_finalized (source);
  pb_test_server_free (server);
}

/* }}} */
/* {{{ TLS */

static void
test_tls_untrusted (void)
{
  PbTestServer *server = pb_test_server_new (TRUE);
  PbClient *client = client_for (server);
  Result result = { 0 };

  server->n_items = 2;
  list_sync (client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_TLS);
  g_assert_nonnull (strstr (result.error->message, "self-signed"));
  assert_clean_message (result.error);
  /* Nothing reached the server. */
  g_assert_cmpuint (server->requests->len, ==, 0);
  result_clear (&result);

  pb_test_assert_finalized (client);
  pb_test_server_free (server);
}

static void
test_tls_trusted (void)
{
  PbTestServer *server = pb_test_server_new (TRUE);
  PbClient *client = client_for (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  Result result = { 0 };

  dir = g_dir_make_tmp ("plugboard-test-client-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "certificate.pem", NULL);
  g_file_set_contents (path, pb_test_server_certificate_pem, -1, &error);
  g_assert_no_error (error);
  database = g_tls_file_database_new (path, &error);
  g_assert_no_error (error);

  pb_client_set_tls_database (client, database);
  server->n_items = 2;
  list_sync (client, &result, NULL);
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.list->len, ==, 2);
  g_assert_cmpstr (pb_test_server_get_request (server, 0)->authorization, ==, "Bearer " TOKEN);
  result_clear (&result);

  /* Back to the system's database: not trusted any more (on a new connection). */
  g_object_run_dispose (G_OBJECT (client));
  pb_test_assert_finalized (client);
  client = client_for (server);
  pb_client_set_tls_database (client, NULL);
  list_sync (client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_TLS);
  result_clear (&result);

  pb_test_assert_finalized (client);
  pb_test_server_free (server);
  g_unlink (path);
  g_rmdir (dir);
}

/* }}} */
/* {{{ Demo server */

static void
test_demo_server (void)
{
  g_autoptr(PbDemoServer) demo = pb_demo_server_new ();
  g_autoptr(GError) error = NULL;
  PbClient *client;
  Result result = { 0 };
  g_autofree char *ref = NULL;

  g_assert_true (pb_demo_server_start (demo, 0, &error));
  g_assert_no_error (error);

  client = pb_client_new (pb_demo_server_get_base_url (demo));
  pb_client_set_access_token (client, pb_demo_server_get_token (demo));

  list_sync (client, &result, NULL);
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.list->len, ==, pb_demo_server_get_n_connections (demo));
  g_assert_cmpuint (result.list->len, >, 0);
  ref = g_strdup (pb_connection_get_ref (g_ptr_array_index (result.list, 0)));
  result_clear (&result);

  get_sync (client, ref, &result);
  g_assert_no_error (result.error);
  g_assert_cmpstr (pb_connection_get_ref (result.connection), ==, ref);
  result_clear (&result);

  get_sync (client, "00000000-0000-0000-0000-000000000000", &result);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NOT_FOUND);
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 404);
  g_assert_nonnull (pb_client_error_get_server_message (result.error));
  g_assert_nonnull (strstr (result.error->message,
                            pb_client_error_get_server_message (result.error)));
  result_clear (&result);

  pb_client_set_access_token (client, "not-the-demo-token");
  list_sync (client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 401);
  assert_clean_message (result.error);
  result_clear (&result);

  pb_test_assert_finalized (client);
  pb_demo_server_stop (demo);
}

static void
test_demo_server_many (void)
{
  g_autoptr(PbDemoServer) demo = pb_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) refs = g_hash_table_new (g_str_hash, g_str_equal);
  PbClient *client;
  Result result = { 0 };

  pb_demo_server_generate (demo, 1234, 7);
  g_assert_true (pb_demo_server_start (demo, 0, &error));
  g_assert_no_error (error);

  client = pb_client_new (pb_demo_server_get_base_url (demo));
  pb_client_set_access_token (client, pb_demo_server_get_token (demo));
  list_sync (client, &result, NULL);
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.list->len, ==, 1234);
  for (guint i = 0; i < result.list->len; i++)
    g_hash_table_add (refs, (char *) pb_connection_get_ref (g_ptr_array_index (result.list, i)));
  g_assert_cmpuint (g_hash_table_size (refs), ==, 1234);
  g_assert_cmpuint (result.pages->len, ==, 13);
  result_clear (&result);

  /* Pages the client asked for ahead of the end may still be on their way to the server:
   * let them arrive, so that the failure below meets the next list and not one of them. */
  for (guint before = G_MAXUINT; before != pb_demo_server_get_n_requests (demo); )
    {
      gint64 until = g_get_monotonic_time () + 100 * 1000;

      before = pb_demo_server_get_n_requests (demo);
      while (g_get_monotonic_time () < until)
        {
          g_usleep (1000);
          while (g_main_context_iteration (NULL, FALSE))
            ;
        }
    }

  /* A server error on the way through a list. */
  pb_demo_server_fail_next (demo, 503, NULL, 1);
  list_sync (client, &result, NULL);
  g_assert_error (result.error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_SERVER);
  g_assert_cmpuint (pb_client_error_get_status (result.error), ==, 503);
  result_clear (&result);

  pb_test_assert_finalized (client);
  pb_demo_server_stop (demo);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/base-url", test_base_url);
  g_test_add_func ("/client/base-url-invalid", test_base_url_invalid);
  client_test_add ("/client/headers", test_headers);
  client_test_add ("/client/get", test_get_connection);
  client_test_add ("/client/get-cancel", test_get_cancel);
  client_test_add ("/client/test-connection", test_test_connection);
  client_test_add ("/client/run-test", test_run_test);
  g_test_add_func ("/client/token/renewed", test_token_renewed);
  g_test_add_func ("/client/token/refused-twice", test_token_refused_twice);
  client_test_add ("/client/sign-in-check", test_check_sign_in);
  g_test_add_func ("/client/sign-in-check/refused", test_check_sign_in_refused);
  g_test_add_func ("/client/tls/untrusted", test_tls_untrusted);
  g_test_add_func ("/client/tls/trusted", test_tls_trusted);
  g_test_add_func ("/client/demo-server/basics", test_demo_server);
  g_test_add_func ("/client/demo-server/many", test_demo_server_many);

  status = g_test_run ();
  /* LeakSanitizer stops every thread at exit to look for leaks, and its tracer can crash on a
   * thread that is still winding down (seen on this suite's worker threads under load): let
   * them finish first. */
  pb_test_spin (1000);
  g_thread_pool_stop_unused_threads ();
  g_usleep (200 * 1000);

  return status;
}
