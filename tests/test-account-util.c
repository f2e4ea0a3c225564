/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-account"

#include "config.h"

#include <string.h>

#include "test-account-util.h"

char *self_path;
static GString *captured_log;
static GPtrArray *known_secrets;
static GHashTable *debug_domains; /* the log domains that logged at the debug level */

/* Every log line of this process, debug included, to check that no secret is in one. */
static void
capture (const char     *domain,
         GLogLevelFlags  log_level,
         const char     *message)
{
  g_string_append (captured_log, message);
  g_string_append_c (captured_log, '\n');
  if (domain != NULL && (log_level & G_LOG_LEVEL_DEBUG))
    g_hash_table_add (debug_domains, g_strdup (domain));
}

/* What comes through the structured API (g_log_structured(), GLib's own messages). */
static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_autofree char *message = NULL;
  g_autofree char *domain = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      char **slot = g_strcmp0 (fields[i].key, "MESSAGE") == 0 ? &message
                    : g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0 ? &domain : NULL;

      if (slot != NULL && *slot == NULL)
        *slot = fields[i].length < 0 ? g_strdup (fields[i].value)
                                     : g_strndup (fields[i].value, fields[i].length);
    }
  if (message != NULL)
    capture (domain, log_level, message);

  if (log_level & G_LOG_LEVEL_DEBUG)
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* What comes through g_log() (g_debug() and friends): in newer GLib (2.84) the test framework's
 * handler prints it without passing it to the writer, so it is read here, then handed on. */
static GLogFunc previous_handler;
static gpointer previous_handler_data;

static void
capture_handler (const char     *domain,
                 GLogLevelFlags  log_level,
                 const char     *message,
                 gpointer        user_data)
{
  capture (domain, log_level, message);
  previous_handler (domain, log_level, message, previous_handler_data);
}

char *
random_secret (const char *prefix)
{
  g_autofree char *uuid = g_uuid_string_random ();
  char *secret = g_strdup_printf ("%s-%s", prefix, uuid);

  if (known_secrets != NULL)
    g_ptr_array_add (known_secrets, g_strdup (secret));

  return secret;
}

char *
get_token (PbAccount  *account,
           gboolean    renew,
           GError    **error)
{
  g_auto(PbTestWaiter) waiter = { 0 };

  pb_token_source_get_token_async (PB_TOKEN_SOURCE (account), renew, NULL,
                                   pb_test_waiter_cb, &waiter);

  return pb_token_source_get_token_finish (PB_TOKEN_SOURCE (account),
                                           pb_test_waiter_wait (&waiter), error);
}

gboolean
load_store (PbAccountStore  *store,
            GError         **error)
{
  g_auto(PbTestWaiter) waiter = { 0 };

  pb_account_store_load_async (store, NULL, pb_test_waiter_cb, &waiter);

  return pb_account_store_load_finish (store, pb_test_waiter_wait (&waiter), error);
}

PbAccount *
save_account (PbAccountStore  *store,
              PbAccount       *account,
              GError         **error)
{
  g_auto(PbTestWaiter) waiter = { 0 };

  pb_account_store_save_async (store, account, NULL, pb_test_waiter_cb, &waiter);

  return pb_account_store_save_finish (store, pb_test_waiter_wait (&waiter), error);
}

gboolean
remove_account (PbAccountStore  *store,
                PbAccount       *account,
                GError         **error)
{
  g_auto(PbTestWaiter) waiter = { 0 };

  pb_account_store_remove_async (store, account, NULL, pb_test_waiter_cb, &waiter);

  return pb_account_store_remove_finish (store, pb_test_waiter_wait (&waiter), error);
}

gboolean
load_secret (PbAccount  *account,
             GError    **error)
{
  g_auto(PbTestWaiter) waiter = { 0 };

  _pb_account_load_secret_async (account, NULL, pb_test_waiter_cb, &waiter);

  return _pb_account_load_secret_finish (account, pb_test_waiter_wait (&waiter), error);
}

/* The keyring items of an account, found without unlocking anything. */
GList *
find_items (const char *account_id)
{
  g_autoptr(GError) error = NULL;
  GList *items;

  items = secret_password_search_sync (_pb_account_get_schema (), SECRET_SEARCH_ALL, NULL,
                                       &error,
                                       "account-id", account_id,
                                       NULL);
  g_assert_no_error (error);

  return items;
}

guint
count_items (const char *account_id)
{
  GList *items = find_items (account_id);
  guint n = g_list_length (items);

  g_list_free_full (items, g_object_unref);

  return n;
}

char *
lookup_secret (const char *account_id)
{
  g_autoptr(GError) error = NULL;
  char *secret;
  char *copy;

  secret = secret_password_lookup_sync (_pb_account_get_schema (), NULL, &error,
                                        "account-id", account_id,
                                        NULL);
  g_assert_no_error (error);
  copy = g_strdup (secret);
  secret_password_free (secret);

  return copy;
}

PbAccount *
new_api_key_account (const char *name,
                     const char *client_id,
                     const char *secret)
{
  PbAccount *account = pb_account_new ();

  pb_account_set_name (account, name);
  pb_account_set_base_url (account, "https://api-engage-us.sitecorecloud.io/");
  pb_account_set_client_id (account, client_id);
  pb_account_set_secret (account, secret);

  return account;
}

/* A token endpoint on loopback */


static void
token_handler (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  TokenServer *ts = user_data;
  SoupMessageBody *request_body = soup_server_message_get_request_body (message);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (request_body);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  ts->n_requests++;
  g_clear_pointer (&ts->form, g_hash_table_unref);
  ts->form = soup_form_decode (text);
  g_free (ts->method);
  ts->method = g_strdup (soup_server_message_get_method (message));
  g_free (ts->content_type);
  ts->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  g_free (ts->authorization);
  ts->authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));

  if (ts->status != 200)
    {
      if (SOUP_STATUS_IS_REDIRECTION (ts->status))
        soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                      "Location", "/elsewhere");
      soup_server_message_set_status (message, ts->status, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                        ts->body != NULL ? ts->body : "",
                                        ts->body != NULL ? strlen (ts->body) : 0);
      return;
    }

  if (ts->body != NULL)
    {
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                        ts->body, strlen (ts->body));
      return;
    }

  {
    g_autofree char *answer = NULL;

    answer = g_strdup_printf ("{\"access_token\": \"token-%u\", \"token_type\": \"Bearer\", "
                              "\"expires_in\": %" G_GINT64_FORMAT ", "
                              "\"scope\": \"personalize.external_webservices:manage\"}",
                              ts->n_requests, ts->expires_in);
    soup_server_message_set_status (message, 200, NULL);
    soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY,
                                      answer, strlen (answer));
  }
}

TokenServer *
token_server_new (void)
{
  TokenServer *ts = g_new0 (TokenServer, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  GSList *listeners;

  ts->server = soup_server_new (NULL, NULL);
  ts->status = 200;
  ts->expires_in = 3600;
  soup_server_add_handler (ts->server, "/oauth/token", token_handler, ts, NULL);
  soup_server_listen_local (ts->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  /* The port from the listening socket (soup_server_get_uris leaks in libsoup 3.2). */
  listeners = soup_server_get_listeners (ts->server);
  g_assert_nonnull (listeners);
  address = g_socket_get_local_address (listeners->data, &error);
  g_assert_no_error (error);
  g_slist_free (listeners);
  ts->url = g_strdup_printf ("http://127.0.0.1:%u/oauth/token",
                             g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address)));

  return ts;
}

void
token_server_free (TokenServer *ts)
{
  soup_server_disconnect (ts->server);
  g_assert_finalize_object (ts->server);
  g_clear_pointer (&ts->form, g_hash_table_unref);
  g_free (ts->url);
  g_free (ts->method);
  g_free (ts->content_type);
  g_free (ts->authorization);
  g_free (ts->body);
  g_free (ts);
}


PbAccount *
new_account_for (TokenServer *ts,
                 const char  *secret)
{
  PbAccount *account = new_api_key_account ("Token test", "client-one", secret);

  pb_account_set_token_endpoint (account, ts->url);

  return account;
}

/* Run the test program itself in another mode and return what it printed. */
char *
run_child (const char * const *argv,
           const char         *input,
           GHashTable         *env,
           int                *status)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  char *output = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  if (env != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, env);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_subprocess_launcher_setenv (launcher, key, value, TRUE);
    }

  child = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (child, input, NULL, &output, NULL, &error);
  g_assert_no_error (error);
  *status = g_subprocess_get_status (child);

  g_test_message ("child output:\n%s", output);

  return output;
}

/* A session bus without service files: nothing can be started on demand, not even a keyring
 * or a password prompt. */
static char *
write_bus_config (const char *dir)
{
  static const char config[] =
    "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
    " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
    "<busconfig>\n"
    "  <type>session</type>\n"
    "  <listen>unix:tmpdir=/tmp</listen>\n"
    "  <auth>EXTERNAL</auth>\n"
    "  <policy context=\"default\">\n"
    "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
    "    <allow eavesdrop=\"true\"/>\n"
    "    <allow own=\"*\"/>\n"
    "  </policy>\n"
    "</busconfig>\n";
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "bus.conf", NULL);

  g_file_set_contents (path, config, -1, &error);
  g_assert_no_error (error);

  return path;
}

char *
run_child_on_private_bus (const char * const *args,
                          gboolean            own_folders,
                          int                *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pb-test-bus-XXXXXX", &error);
  g_autoptr(GHashTable) env = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *config = NULL;
  g_autofree char *config_arg = NULL;
  g_autofree char *rm = NULL;
  char *output;

  g_assert_no_error (error);
  config = write_bus_config (dir);
  config_arg = g_strdup_printf ("--config-file=%s", config);
  if (own_folders)
    {
      g_hash_table_insert (env, "XDG_DATA_HOME", g_build_filename (dir, "data", NULL));
      g_hash_table_insert (env, "XDG_CONFIG_HOME", g_build_filename (dir, "config", NULL));
      g_hash_table_insert (env, "XDG_CACHE_HOME", g_build_filename (dir, "cache", NULL));
      g_hash_table_insert (env, "XDG_RUNTIME_DIR", g_build_filename (dir, "run", NULL));
      g_mkdir_with_parents (g_hash_table_lookup (env, "XDG_RUNTIME_DIR"), 0700);
    }

  g_ptr_array_add (argv, "dbus-run-session");
  g_ptr_array_add (argv, config_arg);
  g_ptr_array_add (argv, "--");
  g_ptr_array_add (argv, self_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  output = run_child ((const char * const *) argv->pdata, "", env, status);

  rm = g_strdup_printf ("rm -rf '%s'", dir);
  g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);

  return output;
}

GPid
start_private_keyring (void)
{
  g_autoptr(GSubprocess) daemon = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *daemon_output = NULL;
  g_auto(GStrv) lines = NULL;
  GPid daemon_pid = 0;

  daemon = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                             &error, "gnome-keyring-daemon", "--unlock", "--components=secrets",
                             NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (daemon, "plugboard-locked-test", NULL, &daemon_output, NULL,
                                 &error);
  g_assert_no_error (error);
  g_clear_object (&daemon);
  /* --unlock made (and unlocked) the login keyring; --start has the running daemon join the
   * bus. No service file can start one on this bus. */
  daemon = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                             | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                             &error, "gnome-keyring-daemon", "--start", "--components=secrets",
                             NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (daemon, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (daemon_output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "GNOME_KEYRING_PID="))
      daemon_pid = atoi (lines[i] + strlen ("GNOME_KEYRING_PID="));

  return daemon_pid;
}

gboolean
lock_default_collection (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  GList *objects = NULL;
  GList *locked = NULL;
  gboolean done;

  service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);
  objects = g_list_append (NULL, collection);
  secret_service_lock_sync (service, objects, NULL, &locked, &error);
  g_assert_no_error (error);
  done = g_list_length (locked) == 1;
  g_list_free (objects);
  g_list_free_full (locked, g_object_unref);

  return done;
}

gboolean
own_logs_contain (const char *text)
{
  g_assert_nonnull (captured_log);

  return strstr (captured_log->str, text) != NULL;
}

void
test_secret_not_in_own_logs (void)
{
  /* Everything this process logged (debug included) during the tests above. */
  g_assert_cmpuint (known_secrets->len, >, 5);
  for (guint i = 0; i < known_secrets->len; i++)
    g_assert_null (strstr (captured_log->str, g_ptr_array_index (known_secrets, i)));
  /* The audit saw the token code's debug output, whatever its wording. */
  g_assert_true (g_hash_table_contains (debug_domains, "pb-oauth-token"));
}


void
test_account_init (int    *argc,
                   char ***argv)
{
  captured_log = g_string_new (NULL);
  known_secrets = g_ptr_array_new_with_free_func (g_free);
  debug_domains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  g_test_init (argc, argv, NULL);
  /* After g_test_init(), which sets its own handler and decides whether debug output is
   * wanted. */
  previous_handler = g_log_set_default_handler (capture_handler, NULL);
  previous_handler_data = NULL;
  g_log_set_debug_enabled (TRUE);
}

void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}
