/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-secrets"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "pb-account-store.h"
#include "pb-cache.h"
#include "pb-client.h"
#include "pb-connection.h"
#include "pb-export.h"
#include "pb-test-report.h"
#include "pb-test-util.h"

/* A whole session with a known client secret and a known access token: sign in with an API key
 * against a token endpoint on loopback (saved in the real keyring, then loaded again as after
 * a restart), load the list, open one connection, test it, follow a redirect that leads
 * elsewhere, save the offline cache, export, sign out. It runs in a child process with
 * G_MESSAGES_DEBUG=all and its own XDG folders and settings file. Then every byte the child
 * printed, every file it left in those folders and every export is searched for the secret and
 * the token; and the servers, on three different loopback ports, say what each of them
 * received: the token only at the API's origin, the secret only at the token endpoint,
 * nothing at the third origin.
 * The list also holds a connection with a secret of every kind of its own (the fixture
 * planted-secrets.json): none of them may be in the offline copy, the masked export, the log or
 * any other file but the export made with secrets, which holds each of them as received.
 *
 * Needs the session's keyring (build-aux/test-session.sh); skips without one (fails when CI
 * is set). */

#define WAIT_LIMIT 60 /* seconds */

/* The connection of the fixture planted-secrets.json. */
#define PLANTED_REF "5ec2e75e-0017-4000-8000-000000000017"

/* {{{ Servers that write down everything they receive */

typedef struct
{
  SoupServer *server;
  char       *base_url;
  const char *name;
  GString    *received;   /* every request: request line, headers, body */
  guint       n_requests;
  char       *token;      /* the token this server hands out or expects */
  char       *secret;     /* the client secret the token endpoint expects */
  char       *elsewhere;  /* base URL of the third origin (API server) */
  GBytes     *list;       /* the list the API answers */
} Recorder;

static void
record (Recorder          *recorder,
        SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autofree char *uri = g_uri_to_string (soup_server_message_get_uri (msg));
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;

  recorder->n_requests++;
  g_string_append_printf (recorder->received, "%s %s\n", soup_server_message_get_method (msg),
                          uri);
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    g_string_append_printf (recorder->received, "%s: %s\n", name, value);
  g_string_append_c (recorder->received, '\n');
  if (body->length > 0)
    g_string_append_len (recorder->received, body->data, body->length);
  g_string_append (recorder->received, "\n\n");
}

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              const char        *data,
              gsize              length)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, data, length);
}

static void
token_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Recorder *recorder = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autofree char *form_text = g_strndup (body->data, body->length);
  g_autoptr(GHashTable) form = soup_form_decode (form_text);
  g_autofree char *answer = NULL;

  record (recorder, msg);
  if (strcmp (path, "/oauth/token") != 0
      || g_strcmp0 (g_hash_table_lookup (form, "client_secret"), recorder->secret) != 0
      || g_strcmp0 (g_hash_table_lookup (form, "grant_type"), "client_credentials") != 0)
    {
      static const char refused[] = "{\"error\": \"invalid_client\"}";

      respond_json (msg, SOUP_STATUS_UNAUTHORIZED, refused, strlen (refused));
      return;
    }

  answer = g_strdup_printf ("{\"access_token\": \"%s\", \"token_type\": \"Bearer\", "
                            "\"expires_in\": 900, \"scope\": "
                            "\"personalize.external_webservices:manage\"}", recorder->token);
  respond_json (msg, SOUP_STATUS_OK, answer, strlen (answer));
}

/* A test report that says what was sent, as Sitecore Personalize's does: the tested
 * connection's URL, headers and body. */
static char *
sent_request_report (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autofree char *text = g_strndup (body->data, body->length);
  g_autoptr(JsonNode) root = json_from_string (text, NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) report = NULL;
  JsonObject *connection;
  JsonObject *request;
  JsonArray *headers;

  g_assert_nonnull (root);
  connection = json_object_get_object_member (json_node_get_object (root), "connection");
  request = json_object_get_object_member (connection, "request");
  headers = json_object_get_array_member (connection, "customHeaders");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "statusCode");
  json_builder_add_int_value (builder, 202);
  json_builder_set_member_name (builder, "request");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, json_object_get_string_member (request,
                                                                         "connectionUrl"));
  json_builder_set_member_name (builder, "headers");
  json_builder_begin_object (builder);
  for (guint i = 0; i < json_array_get_length (headers); i++)
    {
      JsonObject *item = json_array_get_object_element (headers, i);

      json_builder_set_member_name (builder, json_object_get_string_member (item, "name"));
      json_builder_add_string_value (builder, json_object_get_string_member (item, "value"));
    }
  json_builder_end_object (builder);
  if (json_object_has_member (request, "requestBody"))
    {
      json_builder_set_member_name (builder, "body");
      json_builder_add_string_value (builder, json_object_get_string_member (request,
                                                                             "requestBody"));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  report = json_builder_get_root (builder);

  return json_to_string (report, FALSE);
}

static void
api_handler (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Recorder *recorder = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autofree char *expected = g_strconcat ("Bearer ", recorder->token, NULL);
  const char *method = soup_server_message_get_method (msg);

  record (recorder, msg);
  if (g_strcmp0 (soup_message_headers_get_one (headers, "Authorization"), expected) != 0)
    {
      static const char refused[] = "{\"status\": 401, \"message\": \"Unauthorized\"}";

      respond_json (msg, SOUP_STATUS_UNAUTHORIZED, refused, strlen (refused));
      return;
    }

  if (strcmp (method, "GET") == 0 && strcmp (path, "/v2/connections") == 0)
    {
      const char *offset = query != NULL ? g_hash_table_lookup (query, "offset") : NULL;

      if (offset == NULL || strcmp (offset, "0") == 0)
        respond_json (msg, SOUP_STATUS_OK, g_bytes_get_data (recorder->list, NULL),
                      g_bytes_get_size (recorder->list));
      else
        respond_json (msg, SOUP_STATUS_OK, "{\"items\": []}", 13);
    }
  else if (strcmp (method, "GET") == 0 && strcmp (path, "/v2/connections/elsewhere") == 0)
    {
      g_autofree char *location = g_strconcat (recorder->elsewhere, "/v2/connections/x", NULL);

      soup_server_message_set_redirect (msg, SOUP_STATUS_TEMPORARY_REDIRECT, location);
    }
  else if (strcmp (method, "GET") == 0 && g_str_has_prefix (path, "/v2/connections/"))
    {
      g_autoptr(GPtrArray) all = NULL;
      const char *ref = path + strlen ("/v2/connections/");

      all = pb_connection_parse_list (g_bytes_get_data (recorder->list, NULL),
                                      g_bytes_get_size (recorder->list), NULL);
      g_assert_nonnull (all);
      for (guint i = 0; i < all->len; i++)
        if (g_strcmp0 (pb_connection_get_ref (g_ptr_array_index (all, i)), ref) == 0)
          {
            const char *json = pb_connection_get_json (g_ptr_array_index (all, i));

            respond_json (msg, SOUP_STATUS_OK, json, strlen (json));
            return;
          }
      respond_json (msg, SOUP_STATUS_NOT_FOUND, "{\"status\": 404}", 15);
    }
  else if (strcmp (method, "POST") == 0
           && strcmp (path, "/v2/connections/testConnection") == 0)
    {
      g_autofree char *report = sent_request_report (msg);

      respond_json (msg, SOUP_STATUS_OK, report, strlen (report));
    }
  else
    {
      respond_json (msg, SOUP_STATUS_NOT_FOUND, "{\"status\": 404}", 15);
    }
}

static void
elsewhere_handler (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  record (user_data, msg);
  respond_json (msg, SOUP_STATUS_OK, "{\"items\": []}", 13);
}

static Recorder *
recorder_new (const char         *name,
              SoupServerCallback  handler)
{
  Recorder *recorder = g_new0 (Recorder, 1);
  g_autoptr(GError) error = NULL;
  GSList *listeners;
  GSocketAddress *address;

  recorder->name = name;
  recorder->received = g_string_new (NULL);
  recorder->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (recorder->server, NULL, handler, recorder, NULL);
  soup_server_listen_local (recorder->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  listeners = soup_server_get_listeners (recorder->server);
  address = g_socket_get_local_address (listeners->data, &error);
  g_assert_no_error (error);
  recorder->base_url = g_strdup_printf ("http://127.0.0.1:%u",
                                        g_inet_socket_address_get_port (
                                          G_INET_SOCKET_ADDRESS (address)));
  g_object_unref (address);
  g_slist_free (listeners);

  return recorder;
}

static void
recorder_free (Recorder *recorder)
{
  soup_server_disconnect (recorder->server);
  g_object_unref (recorder->server);
  g_string_free (recorder->received, TRUE);
  g_free (recorder->base_url);
  g_free (recorder->token);
  g_free (recorder->secret);
  g_free (recorder->elsewhere);
  g_clear_pointer (&recorder->list, g_bytes_unref);
  g_free (recorder);
}

/* }}} */
/* {{{ The session (child process) */

static void
write_file (const char *folder,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (text);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static int
run_session (void)
{
  const char *api_url = g_getenv ("PB_SECRETS_API");
  const char *token_url = g_getenv ("PB_SECRETS_TOKEN_URL");
  const char *secret = g_getenv ("PB_SECRETS_SECRET");
  const char *export_dir = g_getenv ("PB_SECRETS_EXPORT_DIR");
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(PbTestWaiter) waiter = { 0 };
  g_autoptr(GPtrArray) connections = NULL;
  g_autoptr(PbConnection) selected = NULL;
  g_autoptr(PbConnection) elsewhere = NULL;
  g_autofree char *account_id = NULL;
  g_autofree char *report = NULL;
  g_autofree char *all_masked = NULL;
  g_autofree char *all_plain = NULL;
  g_autofree char *one = NULL;
  g_autofree char *curl = NULL;
  g_autofree char *cache_path = NULL;
  g_autofree char *cache_text = NULL;
  PbAccountStore *store;
  PbAccountStore *restarted;
  PbAccount *account;
  PbAccount *active;
  PbClient *client;

  g_assert_nonnull (api_url);
  g_assert_nonnull (token_url);
  g_assert_nonnull (secret);
  g_assert_nonnull (export_dir);

  /* Sign in: the account with its API key goes to the keyring. */
  settings = g_settings_new (APP_ID);
  store = pb_account_store_new (settings);
  account = pb_account_new ();
  pb_account_set_name (account, "Secrets Test");
  pb_account_set_base_url (account, api_url);
  pb_account_set_client_id (account, "client-secrets-test");
  pb_account_set_token_endpoint (account, token_url);
  pb_account_set_secret (account, secret);
  account_id = g_strdup (pb_account_get_id (account));
  pb_account_store_save_async (store, account, NULL, pb_test_waiter_cb, &waiter);
  if (pb_account_store_save_finish (store, pb_test_waiter_wait (&waiter), &error) == NULL)
    {
      g_printerr ("cannot save the account: %s\n", error->message);
      return g_error_matches (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_NO_KEYRING) ? 77 : 1;
    }
  pb_test_waiter_clear (&waiter);
  g_object_unref (account);
  pb_test_assert_finalized (store);

  /* As after a restart: the account comes back from the keyring, without its secret until a
   * token is needed. */
  restarted = pb_account_store_new (settings);
  pb_account_store_load_async (restarted, NULL, pb_test_waiter_cb, &waiter);
  g_assert_true (pb_account_store_load_finish (restarted, pb_test_waiter_wait (&waiter), &error));
  g_assert_no_error (error);
  pb_test_waiter_clear (&waiter);
  active = pb_account_store_lookup (restarted, account_id);
  g_assert_nonnull (active);

  client = pb_client_new (pb_account_get_base_url (active));
  pb_client_set_token_source (client, PB_TOKEN_SOURCE (active));

  /* Load, and keep the list for offline use as the window does. */
  pb_client_list_connections_async (client, NULL, NULL, NULL, NULL, pb_test_waiter_cb, &waiter);
  connections = pb_client_list_connections_finish (client, pb_test_waiter_wait (&waiter), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (connections->len, >, 0);
  pb_test_waiter_clear (&waiter);
  pb_cache_save_async (account_id, pb_account_get_base_url (active), connections, NULL,
                       pb_test_waiter_cb, &waiter);
  g_assert_true (pb_cache_save_finish (pb_test_waiter_wait (&waiter), &error));
  g_assert_no_error (error);
  pb_test_waiter_clear (&waiter);

  /* Select: the window reads the selected connection again. */
  pb_client_get_connection_async (client,
                                  pb_connection_get_ref (g_ptr_array_index (connections, 0)),
                                  NULL, pb_test_waiter_cb, &waiter);
  selected = pb_client_get_connection_finish (client, pb_test_waiter_wait (&waiter), &error);
  g_assert_no_error (error);
  pb_test_waiter_clear (&waiter);

  /* Test it. */
  pb_client_test_connection_async (client, selected, NULL, pb_test_waiter_cb, &waiter);
  report = pb_client_test_connection_finish (client, pb_test_waiter_wait (&waiter), &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  pb_test_waiter_clear (&waiter);

  /* Test the connection with secrets of its own: the report as shown, and as revealed. */
  for (guint i = 0; i < connections->len; i++)
    if (g_strcmp0 (pb_connection_get_ref (g_ptr_array_index (connections, i)),
                   PLANTED_REF) == 0)
      {
        g_autoptr(PbTestReport) planted_report = NULL;

        /* As the test dialog gets it. */
        pb_client_run_test_async (client, g_ptr_array_index (connections, i), NULL,
                                  pb_test_waiter_cb, &waiter);
        planted_report = pb_client_run_test_finish (client, pb_test_waiter_wait (&waiter),
                                                    &error);
        g_assert_no_error (error);
        pb_test_waiter_clear (&waiter);
        write_file (export_dir, "report.json",
                    pb_test_report_get_json_pretty_masked (planted_report));
        write_file (export_dir, "report-with-secrets.json",
                    pb_test_report_get_json_pretty (planted_report));
      }

  /* A redirect to another origin is not followed. */
  pb_client_get_connection_async (client, "elsewhere", NULL, pb_test_waiter_cb, &waiter);
  elsewhere = pb_client_get_connection_finish (client, pb_test_waiter_wait (&waiter), &error);
  g_assert_error (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_REDIRECTED);
  g_assert_null (elsewhere);
  g_clear_error (&error);
  pb_test_waiter_clear (&waiter);

  /* Export, with and without the connections' own secrets. */
  all_masked = pb_export_connections (connections, FALSE, &error);
  g_assert_no_error (error);
  all_plain = pb_export_connections (connections, TRUE, &error);
  g_assert_no_error (error);
  one = pb_export_connection (selected, TRUE, &error);
  g_assert_no_error (error);
  curl = pb_connection_to_curl (selected, TRUE);
  write_file (export_dir, "connections.json", all_masked);
  write_file (export_dir, "connections-with-secrets.json", all_plain);
  write_file (export_dir, "connection.json", one);
  write_file (export_dir, "connection.sh", curl);

  /* Sign out: the offline copy goes with the account (a copy of it stays for the audit). */
  cache_path = pb_cache_get_path (account_id);
  g_assert_true (g_file_get_contents (cache_path, &cache_text, NULL, &error));
  g_assert_no_error (error);
  write_file (export_dir, "offline-copy.json", cache_text);
  pb_account_store_remove_async (restarted, active, NULL, pb_test_waiter_cb, &waiter);
  g_assert_true (pb_account_store_remove_finish (restarted, pb_test_waiter_wait (&waiter), &error));
  g_assert_no_error (error);
  pb_test_waiter_clear (&waiter);
  g_assert_null (pb_account_store_lookup (restarted, account_id));
  g_assert_false (g_file_test (cache_path, G_FILE_TEST_EXISTS));

  g_clear_pointer (&connections, g_ptr_array_unref);
  g_clear_object (&selected);
  pb_test_assert_finalized (client);
  pb_test_assert_finalized (restarted);

  g_print ("session done\n");
  return 0;
}

/* }}} */
/* {{{ The test (parent process) */

static char *self_path;

typedef struct
{
  gboolean  done;
  char     *output;
  int       status;
} Child;

static void
communicated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Child *child = user_data;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_finish (G_SUBPROCESS (object), result, &out, NULL, &error);
  g_assert_no_error (error);
  child->output = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
  /* A crash (or a sanitizer's abort) is a failure like any other. */
  child->status = g_subprocess_get_if_exited (G_SUBPROCESS (object))
                    ? g_subprocess_get_exit_status (G_SUBPROCESS (object)) : 128;
  child->done = TRUE;
}

/* Every file under `folder`, whole, searched for each needle. Returns the number of files. */
static guint
assert_folder_clean (const char         *folder,
                     const char * const *needles)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n_files = 0;

  if (dir == NULL)
    return 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          n_files += assert_folder_clean (path, needles);
          continue;
        }

      {
        g_autofree char *data = NULL;
        gsize length = 0;

        if (!g_file_get_contents (path, &data, &length, NULL))
          continue;
        n_files++;
        for (guint i = 0; needles[i] != NULL; i++)
          if (g_strstr_len (data, length, needles[i]) != NULL)
            g_error ("%s holds a secret (%u)", path, i);
      }
    }

  return n_files;
}

static void
remove_tree (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (folder);
}

/* The documented list answer with the planted connection added at its end. */
static GBytes *
list_with_planted (const char *list_data)
{
  g_autofree char *planted = pb_test_read_fixture ("planted-secrets.json");
  g_autoptr(JsonNode) root = json_from_string (list_data, NULL);
  g_autoptr(JsonNode) connection = json_from_string (planted, NULL);
  JsonArray *items;
  char *text;

  g_assert_nonnull (root);
  g_assert_nonnull (connection);
  items = json_object_get_array_member (json_node_get_object (root), "items");
  json_array_add_element (items, g_steal_pointer (&connection));
  text = json_to_string (root, FALSE);

  return g_bytes_new_take (text, strlen (text));
}

/* Whether `text` holds one of the planted secrets. */
static gboolean
holds_planted_secret (const char *text,
                      gsize       length)
{
  return g_strstr_len (text, length, "planted-SECRET-") != NULL
         || g_strstr_len (text, length, "9876543210") != NULL;
}

static char *
read_export (const char *root,
             const char *name)
{
  g_autofree char *path = g_build_filename (root, "exports", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* Every file under `folder` (but the exports), and the masked exports: no planted secret; the
 * export with secrets: each of them. Returns the number of files searched. */
static guint
assert_planted_secrets_masked (const char *root,
                               const char *log)
{
  g_autofree char *planted = pb_test_read_fixture ("planted-secrets.json");
  g_autofree char *offline = read_export (root, "offline-copy.json");
  g_autofree char *report = read_export (root, "report.json");
  g_autofree char *report_clear = read_export (root, "report-with-secrets.json");
  g_autofree char *masked = read_export (root, "connections.json");
  g_autofree char *clear = read_export (root, "connections-with-secrets.json");
  g_autoptr(GRegex) marker = g_regex_new ("planted-SECRET-[0-9]+", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  const char *folders[] = { "config", "data", "cache", "state" };
  const char *needles[] = { "planted-SECRET-", "9876543210", NULL };
  guint n_files = 0;
  guint n_secrets = 0;

  g_assert_false (holds_planted_secret (log, strlen (log)));
  g_assert_false (holds_planted_secret (offline, strlen (offline)));
  g_assert_false (holds_planted_secret (masked, strlen (masked)));
  g_assert_false (holds_planted_secret (report, strlen (report)));
  /* The report says what was sent: the URL, the headers and the body, masked. */
  g_assert_nonnull (strstr (report, "to=VISIBLE-6"));
  g_assert_nonnull (strstr (report, "VISIBLE-7"));
  g_assert_nonnull (strstr (report, "\"Basic " PB_SECRET_MASK "\""));
  g_assert_nonnull (strstr (report_clear, "planted-SECRET-6"));
  g_assert_nonnull (strstr (report_clear, "planted-SECRET-8"));
  g_assert_nonnull (strstr (report_clear, "planted-SECRET-12"));
  /* The planted connection is there, masked. */
  g_assert_nonnull (strstr (offline, "Planted secrets VISIBLE-1"));
  g_assert_nonnull (strstr (masked, "Planted secrets VISIBLE-1"));

  for (g_regex_match (marker, planted, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    {
      g_autofree char *secret = g_match_info_fetch (match, 0);

      g_assert_nonnull (strstr (clear, secret));
      n_secrets++;
    }
  g_assert_cmpuint (n_secrets, >=, 14);
  g_assert_nonnull (strstr (clear, "9876543210"));

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *path = g_build_filename (root, folders[i], NULL);

      n_files += assert_folder_clean (path, needles);
    }

  return n_files;
}

static void
test_full_session (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *root = NULL;
  g_autofree char *uuid1 = g_uuid_string_random ();
  g_autofree char *uuid2 = g_uuid_string_random ();
  g_autofree char *secret = g_strconcat ("client-secret-", uuid1, NULL);
  g_autofree char *token = g_strconcat ("access-token-", uuid2, NULL);
  g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
  g_autofree char *token_url = NULL;
  g_autofree char *list_path = NULL;
  g_autofree char *list_data = NULL;
  gsize list_length = 0;
  const char *folders[] = { "config", "data", "cache", "state", "exports" };
  const char *needles[3];
  Recorder *api;
  Recorder *token_endpoint;
  Recorder *elsewhere;
  Child child = { 0 };
  gint64 deadline;
  guint n_files = 0;

  /* The documented list answer, served by the API. */
  list_path = g_test_build_filename (G_TEST_DIST, "fixtures", "list-connections.json", NULL);
  g_file_get_contents (list_path, &list_data, &list_length, &error);
  g_assert_no_error (error);

  api = recorder_new ("API", api_handler);
  token_endpoint = recorder_new ("token endpoint", token_handler);
  elsewhere = recorder_new ("third origin", elsewhere_handler);
  api->token = g_strdup (token);
  api->elsewhere = g_strdup (elsewhere->base_url);
  api->list = list_with_planted (list_data);
  token_endpoint->token = g_strdup (token);
  token_endpoint->secret = g_strdup (secret);
  token_url = g_strconcat (token_endpoint->base_url, "/oauth/token", NULL);

  root = g_dir_make_tmp ("plugboard-secrets-XXXXXX", &error);
  g_assert_no_error (error);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_MERGE);
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *path = g_build_filename (root, folders[i], NULL);
      g_autofree char *variable = g_ascii_strup (folders[i], -1);
      g_autofree char *name = g_strconcat ("XDG_", variable, "_HOME", NULL);

      g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
      if (strcmp (folders[i], "exports") == 0)
        g_subprocess_launcher_setenv (launcher, "PB_SECRETS_EXPORT_DIR", path, TRUE);
      else
        g_subprocess_launcher_setenv (launcher, name, path, TRUE);
    }
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  /* Settings in a file (in the child's config folder) rather than in memory. */
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "PB_SECRETS_API", api->base_url, TRUE);
  g_subprocess_launcher_setenv (launcher, "PB_SECRETS_TOKEN_URL", token_url, TRUE);
  g_subprocess_launcher_setenv (launcher, "PB_SECRETS_SECRET", secret, TRUE);

  process = g_subprocess_launcher_spawn (launcher, &error, self_path, "--session", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_async (process, NULL, NULL, communicated_cb, &child);
  deadline = g_get_monotonic_time () + 3 * WAIT_LIMIT * G_USEC_PER_SEC;
  while (!child.done && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (child.done);

  if (child.status == 77)
    {
      pb_test_skip_or_fail ("no keyring in this session (run through build-aux/test-session.sh)");
      goto out;
    }
  if (child.status != 0)
    g_test_message ("the session printed:\n%s", child.output);
  g_assert_cmpint (child.status, ==, 0);

  /* The log is really there, debug lines included. */
  g_assert_nonnull (strstr (child.output, "session done"));
  g_assert_nonnull (strstr (child.output, "pb-client-DEBUG"));
  g_test_message ("the session logged %zu bytes", strlen (child.output));

  needles[0] = secret;
  needles[1] = token;
  needles[2] = NULL;
  for (guint i = 0; needles[i] != NULL; i++)
    g_assert_null (strstr (child.output, needles[i]));

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *path = g_build_filename (root, folders[i], NULL);

      n_files += assert_folder_clean (path, needles);
    }
  /* The settings file, the four exports and the offline copy at least. */
  g_test_message ("%u files searched", n_files);
  g_assert_cmpuint (n_files, >=, 6);
  /* The keyring's own files (the session's XDG folders) hold no plain secret either. */
  if (g_getenv ("XDG_DATA_HOME") != NULL)
    assert_folder_clean (g_getenv ("XDG_DATA_HOME"), needles);

  /* The connections' own secrets: only in the export made with them. */
  g_test_message ("%u more files searched for the planted secrets",
                  assert_planted_secrets_masked (root, child.output));

  /* Who received what. The API: the token on every request, never the secret. */
  g_assert_cmpuint (api->n_requests, >=, 4);
  g_assert_nonnull (strstr (api->received->str, bearer));
  g_assert_null (strstr (api->received->str, secret));
  /* The token endpoint: the secret, never a token or an Authorization header. */
  g_assert_cmpuint (token_endpoint->n_requests, >=, 1);
  g_assert_nonnull (strstr (token_endpoint->received->str, secret));
  g_assert_null (strstr (token_endpoint->received->str, token));
  g_assert_null (g_strstr_len (token_endpoint->received->str, -1, "Authorization:"));
  /* The third origin: nothing at all. */
  g_assert_cmpuint (elsewhere->n_requests, ==, 0);

out:
  recorder_free (api);
  recorder_free (token_endpoint);
  recorder_free (elsewhere);
  g_free (child.output);
  remove_tree (root);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  if (argc == 2 && strcmp (argv[1], "--session") == 0)
    return run_session ();

  self_path = g_canonicalize_filename (argv[0], NULL);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secrets/full-session", test_full_session);

  return g_test_run ();
}
