/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-account"

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "pb-account-private.h"
#include "pb-account-store.h"
#include "pb-client.h"

/* Runs against the session's real keyring (build-aux/test-session.sh). Other test programs
 * may store accounts in it at the same time, so every check looks for its own account ids. */

#define LOCKED_MESSAGE "The keyring is locked. Unlock it (for example by signing in again) " \
                       "and try again."
#define NO_KEYRING_MESSAGE "No keyring service is running. Plugboard keeps credentials in the " \
                           "desktop keyring (GNOME Keyring or KeePassXC with Secret Service)."

static char *self_path;
static GString *captured_log;
static GPtrArray *known_secrets;

/* Every log line of this process, debug included, to check that no secret is in one. */
static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, "MESSAGE") == 0 && fields[i].length < 0)
        {
          g_string_append (captured_log, fields[i].value);
          g_string_append_c (captured_log, '\n');
        }
    }

  if (log_level & G_LOG_LEVEL_DEBUG)
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static char *
random_secret (const char *prefix)
{
  g_autofree char *uuid = g_uuid_string_random ();
  char *secret = g_strdup_printf ("%s-%s", prefix, uuid);

  if (known_secrets != NULL)
    g_ptr_array_add (known_secrets, g_strdup (secret));

  return secret;
}

/* Waiting for async results */

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (*result == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_get_monotonic_time () > deadline)
        g_error ("An operation did not finish within a minute");
    }

  return *result;
}

static char *
get_token (PbAccount  *account,
           gboolean    renew,
           GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_token_source_get_token_async (PB_TOKEN_SOURCE (account), renew, NULL,
                                   store_result_cb, &result);

  return pb_token_source_get_token_finish (PB_TOKEN_SOURCE (account), wait_for_result (&result),
                                           error);
}

static gboolean
load_store (PbAccountStore  *store,
            GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_account_store_load_async (store, NULL, store_result_cb, &result);

  return pb_account_store_load_finish (store, wait_for_result (&result), error);
}

static PbAccount *
save_account (PbAccountStore  *store,
              PbAccount       *account,
              GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_account_store_save_async (store, account, NULL, store_result_cb, &result);

  return pb_account_store_save_finish (store, wait_for_result (&result), error);
}

static gboolean
remove_account (PbAccountStore  *store,
                PbAccount       *account,
                GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pb_account_store_remove_async (store, account, NULL, store_result_cb, &result);

  return pb_account_store_remove_finish (store, wait_for_result (&result), error);
}

static gboolean
load_secret (PbAccount  *account,
             GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  _pb_account_load_secret_async (account, NULL, store_result_cb, &result);

  return _pb_account_load_secret_finish (account, wait_for_result (&result), error);
}

/* The keyring items of an account, found without unlocking anything. */
static GList *
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

static guint
count_items (const char *account_id)
{
  GList *items = find_items (account_id);
  guint n = g_list_length (items);

  g_list_free_full (items, g_object_unref);

  return n;
}

static char *
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

static PbAccount *
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

typedef struct
{
  SoupServer *server;
  char       *url;
  guint       n_requests;
  GHashTable *form;
  char       *method;
  char       *content_type;
  char       *authorization;
  guint       status;
  char       *body;
  gint64      expires_in;
} TokenServer;

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

static TokenServer *
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

static void
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TokenServer, token_server_free)

static PbAccount *
new_account_for (TokenServer *ts,
                 const char  *secret)
{
  PbAccount *account = new_api_key_account ("Token test", "client-one", secret);

  pb_account_set_token_endpoint (account, ts->url);

  return account;
}

/* Addresses */

static void
test_url_check (void)
{
  const char *good[] = {
    "https://api-engage-eu.sitecorecloud.io",
    "https://api-engage-eu.sitecorecloud.io/",
    "  https://api.boxever.com  ",
    "https://example.com:8443/base",
    "http://127.0.0.1:8080",
    "http://127.10.20.30",
    "http://localhost:3000/",
    "http://LOCALHOST",
    "http://[::1]:8080",
  };
  struct {
    const char *url;
    const char *expected;
  } bad[] = {
    { "", "Enter a web address" },
    { "   ", "Enter a web address" },
    { "api-engage-eu.sitecorecloud.io", "not a web address" },
    { "ftp://example.com", "not a web address" },
    { "https://", "not a web address" },
    { "http://api-engage-eu.sitecorecloud.io", "must start with https://" },
    { "http://128.0.0.1", "must start with https://" },
    { "http://localhost.example.com", "must start with https://" },
    { "http://[::2]", "must start with https://" },
    { "https://user:pw@example.com", "user name or password" },
    { "https://example.com/?a=b", "“?” or “#”" },
    { "https://example.com/#top", "“?” or “#”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("good: %s", good[i]);
      g_assert_true (pb_account_check_url (good[i], &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("bad: %s", bad[i].url);
      g_assert_false (pb_account_check_url (bad[i].url, &error));
      g_assert_error (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_INVALID_URL);
      g_assert_nonnull (strstr (error->message, bad[i].expected));
    }

  g_assert_false (pb_account_check_url (NULL, NULL));
  g_assert_true (pb_account_url_is_loopback ("http://127.0.0.1:1/"));
  g_assert_true (pb_account_url_is_loopback ("http://[::1]/"));
  g_assert_false (pb_account_url_is_loopback ("https://api-engage-eu.sitecorecloud.io"));
  g_assert_false (pb_account_url_is_loopback ("nonsense"));
}

static void
test_url_normalize_and_regions (void)
{
  g_autofree char *a = pb_account_normalize_url ("  https://example.com/base//  ");
  g_autofree char *b = pb_account_normalize_url (NULL);

  g_assert_cmpstr (a, ==, "https://example.com/base");
  g_assert_cmpstr (b, ==, "");

  g_assert_cmpstr (pb_region_get_base_url (PB_REGION_EUROPE), ==,
                   "https://api-engage-eu.sitecorecloud.io");
  g_assert_cmpstr (pb_region_get_base_url (PB_REGION_UNITED_STATES), ==,
                   "https://api-engage-us.sitecorecloud.io");
  g_assert_cmpstr (pb_region_get_base_url (PB_REGION_ASIA_PACIFIC), ==,
                   "https://api-engage-ap.sitecorecloud.io");
  g_assert_cmpstr (pb_region_get_base_url (PB_REGION_JAPAN), ==,
                   "https://api-engage-jpe.sitecorecloud.io");
  g_assert_null (pb_region_get_base_url (PB_REGION_CUSTOM));

  g_assert_cmpint (pb_region_for_base_url ("https://api-engage-jpe.sitecorecloud.io/"), ==,
                   PB_REGION_JAPAN);
  g_assert_cmpint (pb_region_for_base_url ("https://api-engage-ap.sitecorecloud.io"), ==,
                   PB_REGION_ASIA_PACIFIC);
  g_assert_cmpint (pb_region_for_base_url ("https://api.boxever.com"), ==, PB_REGION_CUSTOM);
  g_assert_cmpint (pb_region_for_base_url (NULL), ==, PB_REGION_CUSTOM);
}

/* The account object */

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_account_properties (void)
{
  g_autoptr(PbAccount) account = pb_account_new ();
  g_autoptr(PbAccount) other = pb_account_new ();
  g_autoptr(PbAccount) copy = NULL;
  g_autoptr(GError) error = NULL;
  guint host_notified = 0;
  guint name_notified = 0;
  guint secret_notified = 0;

  g_assert_nonnull (pb_account_get_id (account));
  g_assert_cmpstr (pb_account_get_id (account), !=, pb_account_get_id (other));
  g_assert_cmpstr (pb_account_get_base_url (account), ==,
                   "https://api-engage-eu.sitecorecloud.io");
  g_assert_cmpstr (pb_account_get_host (account), ==, "api-engage-eu.sitecorecloud.io");
  g_assert_cmpstr (pb_account_get_name (account), ==, "api-engage-eu.sitecorecloud.io");
  g_assert_cmpint (pb_account_get_sign_in (account), ==, PB_SIGN_IN_API_KEY);
  g_assert_cmpstr (pb_account_get_token_endpoint (account), ==,
                   "https://auth.sitecorecloud.io/oauth/token");
  g_assert_cmpstr (pb_account_get_audience (account), ==, "https://api.sitecorecloud.io");
  g_assert_false (pb_account_get_has_secret (account));
  g_assert_false (pb_account_get_saved (account));

  g_signal_connect (account, "notify::host", G_CALLBACK (count_notify), &host_notified);
  g_signal_connect (account, "notify::name", G_CALLBACK (count_notify), &name_notified);
  g_signal_connect (account, "notify::has-secret", G_CALLBACK (count_notify),
                    &secret_notified);

  pb_account_set_base_url (account, "http://127.0.0.1:8080/");
  g_assert_cmpstr (pb_account_get_base_url (account), ==, "http://127.0.0.1:8080");
  g_assert_cmpstr (pb_account_get_host (account), ==, "127.0.0.1:8080");
  g_assert_cmpstr (pb_account_get_name (account), ==, "127.0.0.1:8080");
  g_assert_cmpuint (host_notified, ==, 1);
  g_assert_cmpuint (name_notified, ==, 1);
  pb_account_set_base_url (account, "http://127.0.0.1:8080");
  g_assert_cmpuint (host_notified, ==, 1);

  pb_account_set_name (account, "  Test tenant ");
  g_assert_cmpstr (pb_account_get_name (account), ==, "Test tenant");
  g_assert_cmpuint (name_notified, ==, 2);
  pb_account_set_base_url (account, "http://[::1]:9000");
  g_assert_cmpstr (pb_account_get_host (account), ==, "[::1]:9000");
  g_assert_cmpstr (pb_account_get_name (account), ==, "Test tenant");
  g_assert_cmpuint (name_notified, ==, 2);

  /* Empty advanced fields fall back to the defaults. */
  pb_account_set_token_endpoint (account, "  ");
  g_assert_cmpstr (pb_account_get_token_endpoint (account), ==,
                   PB_ACCOUNT_DEFAULT_TOKEN_ENDPOINT);
  pb_account_set_audience (account, NULL);
  g_assert_cmpstr (pb_account_get_audience (account), ==, PB_ACCOUNT_DEFAULT_AUDIENCE);

  /* What is missing, in the order a person fills the form in. */
  g_assert_false (pb_account_validate (account, &error));
  g_assert_error (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_INCOMPLETE);
  g_assert_cmpstr (error->message, ==, "Enter the client ID of the API key.");
  g_clear_error (&error);

  pb_account_set_client_id (account, " client ");
  g_assert_cmpstr (pb_account_get_client_id (account), ==, "client");
  g_assert_false (pb_account_validate (account, &error));
  g_assert_cmpstr (error->message, ==, "Enter the client secret of the API key.");
  g_clear_error (&error);

  pb_account_set_secret (account, "s3cret-for-properties");
  g_assert_true (pb_account_get_has_secret (account));
  g_assert_cmpuint (secret_notified, ==, 1);
  g_assert_true (pb_account_validate (account, &error));
  g_assert_no_error (error);

  pb_account_set_token_endpoint (account, "http://auth.example.com/token");
  g_assert_false (pb_account_validate (account, &error));
  g_assert_error (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_INVALID_URL);
  g_assert_true (g_str_has_prefix (error->message, "The token endpoint cannot be used."));
  g_clear_error (&error);
  pb_account_set_token_endpoint (account, NULL);

  pb_account_set_base_url (account, "http://example.com");
  g_assert_false (pb_account_validate (account, &error));
  g_assert_true (g_str_has_prefix (error->message, "The base URL cannot be used."));
  g_assert_nonnull (strstr (error->message, "https://"));
  g_clear_error (&error);
  pb_account_set_base_url (account, "https://example.com");

  /* A pasted token needs no client ID or token endpoint. */
  pb_account_set_secret (account, NULL);
  g_assert_false (pb_account_get_has_secret (account));
  g_assert_cmpuint (secret_notified, ==, 2);
  pb_account_set_sign_in (account, PB_SIGN_IN_ACCESS_TOKEN);
  g_assert_false (pb_account_validate (account, &error));
  g_assert_cmpstr (error->message, ==, "Paste an access token.");
  g_clear_error (&error);

  pb_account_set_secret (account, "pasted-token");
  copy = pb_account_copy (account);
  g_assert_cmpstr (pb_account_get_id (copy), ==, pb_account_get_id (account));
  g_assert_cmpstr (pb_account_get_name (copy), ==, "Test tenant");
  g_assert_cmpstr (pb_account_get_base_url (copy), ==, "https://example.com");
  g_assert_cmpint (pb_account_get_sign_in (copy), ==, PB_SIGN_IN_ACCESS_TOKEN);
  g_assert_cmpstr (pb_account_get_client_id (copy), ==, "client");
  g_assert_true (pb_account_get_has_secret (copy));
  g_assert_cmpstr (_pb_account_peek_secret (copy), ==, "pasted-token");

  g_assert_finalize_object (g_steal_pointer (&copy));
  g_assert_finalize_object (g_steal_pointer (&account));
}

/* Tokens */

static void
test_token_client_credentials (void)
{
  g_autoptr(TokenServer) ts = token_server_new ();
  g_autofree char *secret = random_secret ("client-secret");
  g_autoptr(PbAccount) account = new_account_for (ts, secret);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *again = NULL;

  token = get_token (account, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "token-1");
  g_assert_cmpuint (ts->n_requests, ==, 1);

  /* Exactly what the documentation asks for, in a POST form body. */
  g_assert_cmpstr (ts->method, ==, "POST");
  g_assert_cmpstr (ts->content_type, ==, "application/x-www-form-urlencoded");
  g_assert_null (ts->authorization);
  g_assert_cmpuint (g_hash_table_size (ts->form), ==, 4);
  g_assert_cmpstr (g_hash_table_lookup (ts->form, "client_id"), ==, "client-one");
  g_assert_cmpstr (g_hash_table_lookup (ts->form, "client_secret"), ==, secret);
  g_assert_cmpstr (g_hash_table_lookup (ts->form, "grant_type"), ==, "client_credentials");
  g_assert_cmpstr (g_hash_table_lookup (ts->form, "audience"), ==,
                   "https://api.sitecorecloud.io");

  /* Reused until it is about to expire: no second request. */
  again = get_token (account, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, "token-1");
  g_assert_cmpuint (ts->n_requests, ==, 1);

  /* A non-standard tenant: the audience goes as set. */
  pb_account_set_audience (account, "https://api.example.test");
  g_clear_pointer (&again, g_free);
  again = get_token (account, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, "token-2");
  g_assert_cmpstr (g_hash_table_lookup (ts->form, "audience"), ==, "https://api.example.test");

  g_assert_finalize_object (g_steal_pointer (&account));
}

static void
test_token_expiry (void)
{
  g_autoptr(TokenServer) ts = token_server_new ();
  g_autofree char *secret = random_secret ("client-secret");
  g_autoptr(PbAccount) account = new_account_for (ts, secret);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  /* It lives 1 s: less than the renewal margin is left at once, so the next call renews. */
  ts->expires_in = 1;
  first = get_token (account, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "token-1");

  second = get_token (account, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, "token-2");
  g_assert_cmpuint (ts->n_requests, ==, 2);

  /* A long-lived one is kept. */
  ts->expires_in = 900;
  pb_account_forget_token (account);
  g_clear_pointer (&first, g_free);
  first = get_token (account, FALSE, &error);
  g_assert_cmpstr (first, ==, "token-3");
  third = get_token (account, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (third, ==, "token-3");
  g_assert_cmpuint (ts->n_requests, ==, 3);

  /* Without expires_in, it is used until the API refuses it. */
  g_free (ts->body);
  ts->body = g_strdup ("{\"access_token\": \"no-expiry\"}");
  pb_account_forget_token (account);
  g_clear_pointer (&third, g_free);
  third = get_token (account, FALSE, &error);
  g_assert_cmpstr (third, ==, "no-expiry");
  g_clear_pointer (&third, g_free);
  third = get_token (account, FALSE, &error);
  g_assert_cmpstr (third, ==, "no-expiry");
  g_assert_cmpuint (ts->n_requests, ==, 4);
}

static void
test_token_renew (void)
{
  g_autoptr(TokenServer) ts = token_server_new ();
  g_autofree char *secret = random_secret ("client-secret");
  g_autoptr(PbAccount) account = new_account_for (ts, secret);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *renewed = NULL;
  g_autofree char *kept = NULL;

  first = get_token (account, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "token-1");

  /* The API answered 401: one new token. */
  renewed = get_token (account, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (renewed, ==, "token-2");
  g_assert_cmpuint (ts->n_requests, ==, 2);

  kept = get_token (account, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, "token-2");
  g_assert_cmpuint (ts->n_requests, ==, 2);
}

static void
test_token_concurrent (void)
{
  g_autoptr(TokenServer) ts = token_server_new ();
  g_autofree char *secret = random_secret ("client-secret");
  g_autoptr(PbAccount) account = new_account_for (ts, secret);
  g_autoptr(GAsyncResult) result1 = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token1 = NULL;
  g_autofree char *token2 = NULL;

  /* Several requests of the client at once share one token request. */
  pb_token_source_get_token_async (PB_TOKEN_SOURCE (account), FALSE, NULL,
                                   store_result_cb, &result1);
  pb_token_source_get_token_async (PB_TOKEN_SOURCE (account), FALSE, NULL,
                                   store_result_cb, &result2);
  wait_for_result (&result1);
  wait_for_result (&result2);
  token1 = pb_token_source_get_token_finish (PB_TOKEN_SOURCE (account), result1, &error);
  g_assert_no_error (error);
  token2 = pb_token_source_get_token_finish (PB_TOKEN_SOURCE (account), result2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token1, ==, "token-1");
  g_assert_cmpstr (token2, ==, "token-1");
  g_assert_cmpuint (ts->n_requests, ==, 1);
}

static void
test_token_refused (void)
{
  g_autoptr(TokenServer) ts = token_server_new ();
  g_autofree char *secret = random_secret ("wrong-secret");
  g_autoptr(PbAccount) account = new_account_for (ts, secret);
  guint statuses[] = { 401, 400, 403 };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *token = NULL;

      ts->status = statuses[i];
      g_free (ts->body);
      ts->body = g_strdup ("{\"error\":\"access_denied\",\"error_description\":\"Unauthorized\"}");
      token = get_token (account, FALSE, &error);
      g_assert_null (token);
      g_assert_error (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
      g_assert_cmpstr (error->message, ==,
                       "The sign-in service refused the API key: “Unauthorized”. Check the "
                       "client ID and client secret in Preferences.");
      g_assert_null (strstr (error->message, secret));
    }

  /* A server that repeats the secret back: the message leaves it out. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *token = NULL;

    g_free (ts->body);
    ts->body = g_strdup_printf ("{\"error_description\":\"bad secret %s\"}", secret);
    token = get_token (account, FALSE, &error);
    g_assert_error (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
    g_assert_null (strstr (error->message, secret));
    g_assert_cmpstr (error->message, ==,
                     "The sign-in service refused the API key. Check the client ID and client "
                     "secret in Preferences.");
  }

  /* Not JSON at all. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *token = NULL;

    g_free (ts->body);
    ts->body = g_strdup ("<html>nope</html>");
    token = get_token (account, FALSE, &error);
    g_assert_error (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
  }

  /* Once the secret is right again, it works. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *token = NULL;

    ts->status = 200;
    g_clear_pointer (&ts->body, g_free);
    token = get_token (account, FALSE, &error);
    g_assert_no_error (error);
    g_assert_nonnull (token);
  }
}

static void
test_token_bad_answers (void)
{
  g_autoptr(TokenServer) ts = token_server_new ();
  g_autofree char *secret = random_secret ("client-secret");
  g_autoptr(PbAccount) account = new_account_for (ts, secret);
  struct {
    guint status;
    const char *body;
    int code;
  } cases[] = {
    { 200, "not json", PB_CLIENT_ERROR_BAD_RESPONSE },
    { 200, "[]", PB_CLIENT_ERROR_BAD_RESPONSE },
    { 200, "{\"access_token\": 42}", PB_CLIENT_ERROR_BAD_RESPONSE },
    { 200, "{\"access_token\": \"\"}", PB_CLIENT_ERROR_BAD_RESPONSE },
    { 200, "{\"token\": \"x\"}", PB_CLIENT_ERROR_BAD_RESPONSE },
    { 500, "{\"error\":\"server_error\"}", PB_CLIENT_ERROR_SERVER },
    { 503, NULL, PB_CLIENT_ERROR_SERVER },
    { 429, NULL, PB_CLIENT_ERROR_RATE_LIMITED },
    { 404, NULL, PB_CLIENT_ERROR_REJECTED },
    /* A redirect is not followed: the secret would be sent on to another address. */
    { 307, NULL, PB_CLIENT_ERROR_NETWORK },
    { 302, NULL, PB_CLIENT_ERROR_NETWORK },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *token = NULL;
      guint before = ts->n_requests;

      g_test_message ("status %u, body %s", cases[i].status, cases[i].body);
      ts->status = cases[i].status;
      g_free (ts->body);
      ts->body = g_strdup (cases[i].body);
      token = get_token (account, FALSE, &error);
      g_assert_null (token);
      g_assert_error (error, PB_CLIENT_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, "127.0.0.1"));
      g_assert_null (strstr (error->message, secret));
      g_assert_cmpuint (ts->n_requests, ==, before + 1);
    }

  /* expires_in as a string or a number with a fraction is read too. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *token = NULL;

    ts->status = 200;
    g_free (ts->body);
    ts->body = g_strdup ("{\"access_token\": \"odd\", \"expires_in\": \"900\", "
                         "\"token_type\": \"bearer\"}");
    token = get_token (account, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (token, ==, "odd");
    g_clear_pointer (&token, g_free);
    token = get_token (account, FALSE, &error);
    g_assert_cmpstr (token, ==, "odd");
    g_assert_cmpuint (ts->n_requests, ==, G_N_ELEMENTS (cases) + 1);
  }

  /* Lifetimes that do not fit an integer (found by fuzz-token): the token is still used, and
   * nothing overflows (UBSan would say so). */
  {
    static const char *const lifetimes[] = { "-1e999", "1e999", "9223372036854775807" };

    for (guint i = 0; i < G_N_ELEMENTS (lifetimes); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *token = NULL;

        pb_account_forget_token (account);
        g_free (ts->body);
        ts->body = g_strdup_printf ("{\"access_token\": \"odd-%u\", \"expires_in\": %s}",
                                    i, lifetimes[i]);
        token = get_token (account, FALSE, &error);
        g_assert_no_error (error);
        g_assert_nonnull (token);
        g_assert_true (g_str_has_prefix (token, "odd-"));
      }
  }
}

static guint
closed_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  guint port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  return port;
}

static void
test_token_endpoint_down (void)
{
  g_autofree char *secret = random_secret ("client-secret");
  g_autoptr(PbAccount) account = new_api_key_account ("Down", "client", secret);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/oauth/token", closed_port ());
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  pb_account_set_token_endpoint (account, url);
  token = get_token (account, FALSE, &error);
  g_assert_null (token);
  g_assert_error (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK);
  g_assert_true (g_str_has_prefix (error->message,
                                   "Could not reach the sign-in service at “127.0.0.1:"));
  g_assert_null (strstr (error->message, secret));
}

static void
test_token_pasted (void)
{
  g_autoptr(TokenServer) ts = token_server_new ();
  g_autoptr(PbAccount) account = pb_account_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *renewed = NULL;
  g_autofree char *pasted = random_secret ("pasted-token");

  pb_account_set_sign_in (account, PB_SIGN_IN_ACCESS_TOKEN);
  pb_account_set_token_endpoint (account, ts->url);

  /* None yet. */
  token = get_token (account, FALSE, &error);
  g_assert_null (token);
  g_assert_error (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_INCOMPLETE);
  g_assert_cmpstr (error->message, ==, "Paste an access token.");
  g_clear_error (&error);

  pb_account_set_secret (account, pasted);
  token = get_token (account, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, pasted);

  /* Refused by the API: nothing can renew it; the user is told what to do. */
  renewed = get_token (account, TRUE, &error);
  g_assert_null (renewed);
  g_assert_error (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (error->message, ==,
                   "The access token expired or was refused. Paste a new one in Preferences.");
  g_assert_null (strstr (error->message, pasted));

  /* The token endpoint is never asked. */
  g_assert_cmpuint (ts->n_requests, ==, 0);
}

/* The keyring */

static void
test_keyring_save_attributes (void)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  g_autofree char *secret = random_secret ("client-secret");
  g_autoptr(PbAccount) account = new_api_key_account ("Production", "client-prod", secret);
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *stored = NULL;
  PbAccount *saved;
  GList *items;

  saved = save_account (store, account, &error);
  g_assert_no_error (error);
  g_assert_true (saved == account);
  g_assert_true (pb_account_get_saved (account));
  g_assert_true (pb_account_store_lookup (store, pb_account_get_id (account)) == account);
  g_assert_true (pb_account_store_get_active (store) == account);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);

  items = find_items (pb_account_get_id (account));
  g_assert_cmpuint (g_list_length (items), ==, 1);
  attributes = secret_retrievable_get_attributes (items->data);
  label = secret_retrievable_get_label (items->data);
  g_list_free_full (items, g_object_unref);

  g_assert_cmpstr (label, ==, "Plugboard: Production");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "xdg:schema"), ==,
                   "io.github.plugboard.Plugboard.Account");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "account-id"), ==,
                   pb_account_get_id (account));
  g_assert_cmpstr (g_hash_table_lookup (attributes, "name"), ==, "Production");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "base-url"), ==,
                   "https://api-engage-us.sitecorecloud.io");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "sign-in"), ==, "api-key");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "client-id"), ==, "client-prod");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "token-endpoint"), ==,
                   "https://auth.sitecorecloud.io/oauth/token");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "audience"), ==,
                   "https://api.sitecorecloud.io");
  g_assert_cmpuint (g_hash_table_size (attributes), ==, 8);

  /* The secret is the item's value, and nothing else holds it. */
  stored = lookup_secret (pb_account_get_id (account));
  g_assert_cmpstr (stored, ==, secret);
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, attributes);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_assert_null (strstr (value, secret));
    g_assert_null (strstr (label, secret));
  }

  g_assert_true (remove_account (store, account, &error));
  g_assert_no_error (error);
}

static void
test_keyring_save_invalid (void)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  g_autoptr(PbAccount) account = new_api_key_account ("Plain", "client", "whatever");
  g_autoptr(GError) error = NULL;

  pb_account_set_base_url (account, "http://api.example.com");
  g_assert_null (save_account (store, account, &error));
  g_assert_error (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_INVALID_URL);
  g_assert_cmpuint (count_items (pb_account_get_id (account)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_false (pb_account_get_saved (account));
}

/* Run the test program itself in another mode and return what it printed. */
static char *
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

static void
test_keyring_load_fresh_process (void)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  g_autofree char *secret = random_secret ("client-secret");
  g_autoptr(PbAccount) account = new_api_key_account ("Fresh “process” ü", "client-fresh",
                                                      secret);
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *wrong = NULL;
  int status;

  pb_account_set_base_url (account, "https://api-engage-jpe.sitecorecloud.io");
  pb_account_set_audience (account, "https://api.example.test");
  save_account (store, account, &error);
  g_assert_no_error (error);

  {
    const char *argv[] = { self_path, "--child-load", pb_account_get_id (account), NULL };

    output = run_child (argv, secret, NULL, &status);
  }
  g_assert_cmpint (status, ==, 0);
  expected = g_strdup_printf ("found=yes\n"
                              "name=Fresh “process” ü\n"
                              "base-url=https://api-engage-jpe.sitecorecloud.io\n"
                              "host=api-engage-jpe.sitecorecloud.io\n"
                              "sign-in=api-key\n"
                              "client-id=client-fresh\n"
                              "token-endpoint=https://auth.sitecorecloud.io/oauth/token\n"
                              "audience=https://api.example.test\n"
                              "secret-in-memory=no\n"
                              "secret-matches=yes\n");
  g_assert_nonnull (strstr (output, expected));
  g_assert_null (strstr (output, secret));

  /* The comparison really compares. */
  {
    const char *argv[] = { self_path, "--child-load", pb_account_get_id (account), NULL };

    wrong = run_child (argv, "something else", NULL, &status);
  }
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (wrong, "secret-matches=no\n"));

  g_assert_true (remove_account (store, account, &error));
  g_assert_no_error (error);
}

static int
child_load (const char *id)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) input = g_io_channel_unix_new (0);
  g_autofree char *expected = NULL;
  PbAccount *account;

  if (!load_store (store, &error))
    {
      g_printerr ("load failed: %s\n", error->message);
      return 1;
    }

  account = pb_account_store_lookup (store, id);
  if (account == NULL)
    {
      g_print ("found=no\n");
      return 0;
    }

  g_print ("found=yes\n");
  g_print ("name=%s\n", pb_account_get_name (account));
  g_print ("base-url=%s\n", pb_account_get_base_url (account));
  g_print ("host=%s\n", pb_account_get_host (account));
  g_print ("sign-in=%s\n",
           pb_account_get_sign_in (account) == PB_SIGN_IN_API_KEY ? "api-key" : "access-token");
  g_print ("client-id=%s\n", pb_account_get_client_id (account));
  g_print ("token-endpoint=%s\n", pb_account_get_token_endpoint (account));
  g_print ("audience=%s\n", pb_account_get_audience (account));
  g_print ("secret-in-memory=%s\n", _pb_account_peek_secret (account) != NULL ? "yes" : "no");

  g_io_channel_read_to_end (input, &expected, NULL, NULL);
  if (!load_secret (account, &error))
    {
      g_printerr ("secret failed: %s\n", error->message);
      return 1;
    }
  g_print ("secret-matches=%s\n",
           g_strcmp0 (_pb_account_peek_secret (account), expected) == 0 ? "yes" : "no");

  return 0;
}

static void
test_keyring_lazy_secret (void)
{
  g_autoptr(TokenServer) ts = token_server_new ();
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  g_autoptr(PbAccountStore) fresh = pb_account_store_new (NULL);
  g_autofree char *secret = random_secret ("client-secret");
  g_autoptr(PbAccount) account = new_account_for (ts, secret);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  PbAccount *loaded;

  save_account (store, account, &error);
  g_assert_no_error (error);

  g_assert_true (load_store (fresh, &error));
  g_assert_no_error (error);
  g_assert_true (pb_account_store_get_loaded (fresh));
  loaded = pb_account_store_lookup (fresh, pb_account_get_id (account));
  g_assert_nonnull (loaded);
  g_assert_true (loaded != account);
  g_assert_true (pb_account_get_saved (loaded));
  g_assert_true (pb_account_get_has_secret (loaded));
  g_assert_cmpstr (pb_account_get_token_endpoint (loaded), ==, ts->url);

  /* Loading read no secret; the first token does. */
  g_assert_null (_pb_account_peek_secret (loaded));
  token = get_token (loaded, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "token-1");
  g_assert_cmpstr (g_hash_table_lookup (ts->form, "client_secret"), ==, secret);

  g_assert_true (remove_account (store, account, &error));
  g_assert_no_error (error);

  /* Gone from the keyring (signed out elsewhere) while an account without the secret in memory
   * still knew it: the user is told to enter the credentials again. */
  {
    g_autoptr(PbAccountStore) third = pb_account_store_new (NULL);
    g_autoptr(GHashTable) attributes = _pb_account_build_attributes (account);
    g_autoptr(PbAccount) stale = _pb_account_new_from_attributes (attributes);
    g_autofree char *none = NULL;

    g_assert_true (load_store (third, &error));
    g_assert_null (pb_account_store_lookup (third, pb_account_get_id (account)));

    g_assert_null (_pb_account_peek_secret (stale));
    none = get_token (stale, FALSE, &error);
    g_assert_null (none);
    g_assert_error (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_NOT_FOUND);
    g_assert_cmpstr (error->message, ==,
                     "The saved credentials of “Token test” are missing from the keyring. "
                     "Enter them again in Preferences.");
  }
}

static void
test_keyring_rename_and_update (void)
{
  g_autoptr(TokenServer) ts = token_server_new ();
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  g_autofree char *secret = random_secret ("client-secret");
  g_autofree char *new_secret = random_secret ("client-secret");
  g_autoptr(PbAccount) account = new_account_for (ts, secret);
  g_autoptr(PbAccount) edit = NULL;
  g_autoptr(PbAccount) edit2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *stored = NULL;
  const char *id = pb_account_get_id (account);
  GList *items;
  guint name_notified = 0;

  save_account (store, account, &error);
  g_assert_no_error (error);
  token = get_token (account, FALSE, &error);
  g_assert_cmpstr (token, ==, "token-1");

  /* Rename in a copy, as the preferences window does, without entering the secret again. */
  {
    g_autoptr(PbAccountStore) fresh = pb_account_store_new (NULL);
    PbAccount *loaded;

    g_assert_true (load_store (fresh, &error));
    loaded = pb_account_store_lookup (fresh, id);
    g_assert_nonnull (loaded);
    g_assert_null (_pb_account_peek_secret (loaded));

    g_signal_connect (loaded, "notify::name", G_CALLBACK (count_notify), &name_notified);
    edit = pb_account_copy (loaded);
    pb_account_set_name (edit, "Renamed");
    g_assert_true (save_account (fresh, edit, &error) == loaded);
    g_assert_no_error (error);
    g_assert_cmpstr (pb_account_get_name (loaded), ==, "Renamed");
    g_assert_cmpuint (name_notified, ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fresh)), >=, 1);
  }

  /* One item, with the new name and the old secret. */
  items = find_items (id);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  {
    g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (items->data);
    g_autofree char *label = secret_retrievable_get_label (items->data);

    g_assert_cmpstr (g_hash_table_lookup (attributes, "name"), ==, "Renamed");
    g_assert_cmpstr (label, ==, "Plugboard: Renamed");
  }
  g_list_free_full (items, g_object_unref);
  stored = lookup_secret (id);
  g_assert_cmpstr (stored, ==, secret);

  /* A new secret replaces the old one in the same item, and the old token is dropped. */
  edit2 = pb_account_copy (account);
  pb_account_set_name (edit2, "Renamed");
  pb_account_set_secret (edit2, new_secret);
  g_assert_true (save_account (store, edit2, &error) == account);
  g_assert_no_error (error);
  g_assert_cmpuint (count_items (id), ==, 1);
  g_clear_pointer (&stored, g_free);
  stored = lookup_secret (id);
  g_assert_cmpstr (stored, ==, new_secret);

  g_clear_pointer (&token, g_free);
  token = get_token (account, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, "token-2");
  g_assert_cmpstr (g_hash_table_lookup (ts->form, "client_secret"), ==, new_secret);

  /* Switching to a pasted token needs the token. */
  {
    g_autoptr(PbAccount) edit3 = pb_account_copy (account);

    pb_account_set_secret (edit3, NULL);
    pb_account_set_sign_in (edit3, PB_SIGN_IN_ACCESS_TOKEN);
    g_assert_false (pb_account_get_has_secret (edit3));
    g_assert_null (save_account (store, edit3, &error));
    g_assert_error (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_INCOMPLETE);
    g_clear_error (&error);
    g_assert_cmpuint (count_items (id), ==, 1);
    g_assert_cmpint (pb_account_get_sign_in (account), ==, PB_SIGN_IN_API_KEY);
  }

  g_assert_true (remove_account (store, account, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_items (id), ==, 0);
}

static void
test_keyring_switch (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(PbAccountStore) store = pb_account_store_new (settings);
  g_autofree char *secret1 = random_secret ("client-secret");
  g_autofree char *secret2 = random_secret ("pasted-token");
  g_autoptr(PbAccount) test = new_api_key_account ("Switch test tenant", "client-test",
                                                   secret1);
  g_autoptr(PbAccount) production = pb_account_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;
  guint active_notified = 0;

  pb_account_set_name (production, "Switch production tenant");
  pb_account_set_sign_in (production, PB_SIGN_IN_ACCESS_TOKEN);
  pb_account_set_secret (production, secret2);

  g_signal_connect (store, "notify::active", G_CALLBACK (count_notify), &active_notified);

  save_account (store, test, &error);
  g_assert_no_error (error);
  g_assert_true (pb_account_store_get_active (store) == test);
  g_assert_cmpuint (active_notified, ==, 1);

  /* A second account does not take over by itself. */
  save_account (store, production, &error);
  g_assert_no_error (error);
  g_assert_true (pb_account_store_get_active (store) == test);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);

  pb_account_store_set_active (store, production);
  g_assert_true (pb_account_store_get_active (store) == production);
  g_assert_cmpuint (active_notified, ==, 2);
  last = g_settings_get_string (settings, "last-account");
  g_assert_cmpstr (last, ==, pb_account_get_id (production));
  pb_account_store_set_active (store, production);
  g_assert_cmpuint (active_notified, ==, 2);

  /* The next start picks the last used one. */
  {
    g_autoptr(PbAccountStore) next = pb_account_store_new (settings);
    PbAccount *active;

    g_assert_true (load_store (next, &error));
    g_assert_no_error (error);
    active = pb_account_store_get_active (next);
    g_assert_nonnull (active);
    g_assert_cmpstr (pb_account_get_id (active), ==, pb_account_get_id (production));
    g_assert_cmpint (pb_account_get_sign_in (active), ==, PB_SIGN_IN_ACCESS_TOKEN);
    g_assert_cmpstr (pb_account_get_name (active), ==, "Switch production tenant");

    pb_account_store_set_active (next, pb_account_store_lookup (next, pb_account_get_id (test)));
  }
  g_clear_pointer (&last, g_free);
  last = g_settings_get_string (settings, "last-account");
  g_assert_cmpstr (last, ==, pb_account_get_id (test));

  /* Reloading keeps the objects of unchanged accounts. */
  g_assert_true (load_store (store, &error));
  g_assert_true (pb_account_store_lookup (store, pb_account_get_id (test)) == test);
  g_assert_true (pb_account_store_lookup (store, pb_account_get_id (production)) == production);
  g_assert_true (pb_account_store_get_active (store) == production);

  /* Signing out of the active one makes another active. */
  g_assert_true (remove_account (store, production, &error));
  g_assert_no_error (error);
  g_assert_null (pb_account_store_lookup (store, pb_account_get_id (production)));
  g_assert_nonnull (pb_account_store_get_active (store));
  g_assert_true (pb_account_store_get_active (store) != production);

  g_assert_true (remove_account (store, test, &error));
  g_assert_no_error (error);
}

static void
test_keyring_sign_out (void)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  g_autofree char *secret = random_secret ("client-secret");
  g_autoptr(PbAccount) account = new_api_key_account ("Sign out", "client", secret);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *id = NULL;
  GList *found;
  guint n_before;

  save_account (store, account, &error);
  g_assert_no_error (error);
  id = g_strdup (pb_account_get_id (account));
  g_assert_cmpuint (count_items (id), ==, 1);
  n_before = g_list_model_get_n_items (G_LIST_MODEL (store));

  g_assert_true (remove_account (store, account, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, n_before - 1);
  g_assert_null (pb_account_store_lookup (store, id));
  g_assert_null (pb_account_store_get_active (store));
  g_assert_null (_pb_account_peek_secret (account));

  /* secret_password_searchv finds nothing for it. */
  attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (attributes, "account-id", id);
  found = secret_password_searchv_sync (_pb_account_get_schema (), attributes,
                                        SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (found);

  /* Removing it again is harmless. */
  g_assert_true (remove_account (store, account, &error));
  g_assert_no_error (error);
}

/* Secrets stay secret */

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  gsize needle_length = strlen (needle);

  for (gsize i = 0; i + needle_length <= length; i++)
    {
      if (memcmp (contents + i, needle, needle_length) == 0)
        return TRUE;
    }

  return FALSE;
}

static guint
scan_for_secret (const char *dir,
                 const char *secret)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n_files = 0;

  if (handle == NULL)
    return 0;

  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          n_files += scan_for_secret (path, secret);
        }
      else if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          n_files++;
          if (file_contains (path, secret))
            g_error ("The secret is in %s", path);
        }
    }

  return n_files;
}

static void
test_secret_not_logged_or_written (void)
{
  g_autofree char *secret = random_secret ("leak-check-secret");
  g_autoptr(GHashTable) env = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *output = NULL;
  const char *dirs[] = {
    g_get_user_data_dir (), g_get_user_config_dir (), g_get_user_cache_dir (),
    g_get_user_state_dir (), g_get_user_runtime_dir (),
  };
  guint n_files = 0;
  int status;

  g_hash_table_insert (env, "G_MESSAGES_DEBUG", "all");
  {
    const char *argv[] = { self_path, "--child-session", NULL };

    output = run_child (argv, secret, env, &status);
  }
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (output, "session=done"));
  /* Debug logging really was on. */
  g_assert_nonnull (strstr (output, "Requesting an access token"));
  g_assert_null (strstr (output, secret));

  /* No file in the (throwaway) XDG folders holds it either: the keyring encrypts it. */
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    n_files += scan_for_secret (dirs[i], secret);
  g_assert_cmpuint (n_files, >, 0);
}

/* A whole session with a known secret: save, load, tokens, a refusal, sign out. */
static int
child_session (void)
{
  g_autoptr(GIOChannel) input = g_io_channel_unix_new (0);
  g_autofree char *secret = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TokenServer) ts = token_server_new ();
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  g_autoptr(PbAccountStore) fresh = pb_account_store_new (NULL);
  g_autoptr(PbAccount) account = NULL;
  g_autoptr(PbAccount) pasted = NULL;
  g_autofree char *token = NULL;
  PbAccount *loaded;

  g_io_channel_read_to_end (input, &secret, NULL, NULL);
  account = new_account_for (ts, secret);
  save_account (store, account, &error);
  g_assert_no_error (error);

  g_assert_true (load_store (fresh, &error));
  loaded = pb_account_store_lookup (fresh, pb_account_get_id (account));
  g_assert_nonnull (loaded);
  token = get_token (loaded, FALSE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&token, g_free);
  token = get_token (loaded, TRUE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&token, g_free);

  ts->status = 401;
  ts->body = g_strdup_printf ("{\"error\":\"access_denied\",\"error_description\":\"%s\"}",
                              secret);
  token = get_token (loaded, TRUE, &error);
  g_assert_error (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
  g_printerr ("error: %s\n", error->message);
  g_clear_error (&error);

  pasted = pb_account_new ();
  pb_account_set_sign_in (pasted, PB_SIGN_IN_ACCESS_TOKEN);
  pb_account_set_secret (pasted, secret);
  save_account (store, pasted, &error);
  g_assert_no_error (error);
  token = get_token (pasted, TRUE, &error);
  g_assert_error (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED);
  g_printerr ("error: %s\n", error->message);
  g_clear_error (&error);

  g_assert_true (remove_account (store, account, &error));
  g_assert_true (remove_account (store, pasted, &error));
  g_assert_no_error (error);

  g_print ("session=done\n");

  return 0;
}

/* Without a keyring, and with a locked one: a child process on a private bus. */

static char *
write_bus_config (const char *dir)
{
  /* A session bus without service files: nothing can be started on demand, not even a
   * keyring or a password prompt. */
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

static void
test_keyring_missing (void)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  g_autofree char *secret = random_secret ("client-secret");
  g_autoptr(PbAccount) account = new_api_key_account ("Stays", "client", secret);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pb-test-bus-XXXXXX", &error);
  g_autofree char *config = NULL;
  g_autofree char *config_arg = NULL;
  g_autofree char *output = NULL;
  g_autofree char *stored = NULL;
  int status;

  g_assert_no_error (error);
  save_account (store, account, &error);
  g_assert_no_error (error);

  config = write_bus_config (dir);
  config_arg = g_strdup_printf ("--config-file=%s", config);
  {
    const char *argv[] = { "dbus-run-session", config_arg, "--", self_path,
                           "--child-no-keyring", pb_account_get_id (account), NULL };

    output = run_child (argv, "", NULL, &status);
  }
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (output, "load: " NO_KEYRING_MESSAGE "\n"));
  g_assert_nonnull (strstr (output, "save: " NO_KEYRING_MESSAGE "\n"));
  g_assert_nonnull (strstr (output, "token: " NO_KEYRING_MESSAGE "\n"));
  g_assert_nonnull (strstr (output, "remove: " NO_KEYRING_MESSAGE "\n"));

  /* The stored account is still there, unchanged. */
  g_assert_cmpuint (count_items (pb_account_get_id (account)), ==, 1);
  stored = lookup_secret (pb_account_get_id (account));
  g_assert_cmpstr (stored, ==, secret);

  g_assert_true (remove_account (store, account, &error));
  g_unlink (config);
  g_rmdir (dir);
}

static void
print_error (const char *what,
             GError     *error)
{
  if (error == NULL)
    g_print ("%s: no error\n", what);
  else
    g_print ("%s: %s\n", what, error->message);
}

static int
child_no_keyring (const char *id)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  g_autoptr(PbAccount) account = new_api_key_account ("New", "client", "secret-x");
  g_autoptr(PbAccount) known = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *token = NULL;

  load_store (store, &error);
  print_error ("load", error);
  g_assert_false (pb_account_store_get_loaded (store));
  g_clear_error (&error);

  save_account (store, account, &error);
  print_error ("save", error);
  g_assert_false (pb_account_get_saved (account));
  g_clear_error (&error);

  /* An account as loaded before the keyring went away: its secret cannot be read. */
  g_hash_table_insert (attributes, "account-id", (char *) id);
  g_hash_table_insert (attributes, "name", "Stays");
  g_hash_table_insert (attributes, "base-url", "https://api-engage-us.sitecorecloud.io");
  g_hash_table_insert (attributes, "sign-in", "api-key");
  g_hash_table_insert (attributes, "client-id", "client");
  known = _pb_account_new_from_attributes (attributes);
  token = get_token (known, FALSE, &error);
  print_error ("token", error);
  g_clear_error (&error);

  remove_account (store, known, &error);
  print_error ("remove", error);

  return 0;
}

static void
test_keyring_locked (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pb-test-locked-XXXXXX", &error);
  g_autoptr(GHashTable) env = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *config = NULL;
  g_autofree char *config_arg = NULL;
  g_autofree char *output = NULL;
  g_autofree char *rm = NULL;
  g_autofree char *daemon = g_find_program_in_path ("gnome-keyring-daemon");
  int status;

  g_assert_no_error (error);
  if (daemon == NULL)
    {
      g_test_skip ("gnome-keyring-daemon is not installed");
      return;
    }

  /* A keyring of its own (this one gets locked), in throwaway folders. */
  config = write_bus_config (dir);
  config_arg = g_strdup_printf ("--config-file=%s", config);
  g_hash_table_insert (env, "XDG_DATA_HOME", g_build_filename (dir, "data", NULL));
  g_hash_table_insert (env, "XDG_CONFIG_HOME", g_build_filename (dir, "config", NULL));
  g_hash_table_insert (env, "XDG_CACHE_HOME", g_build_filename (dir, "cache", NULL));
  g_hash_table_insert (env, "XDG_RUNTIME_DIR", g_build_filename (dir, "run", NULL));
  g_mkdir_with_parents (g_hash_table_lookup (env, "XDG_RUNTIME_DIR"), 0700);
  {
    const char *argv[] = { "dbus-run-session", config_arg, "--", self_path, "--child-locked",
                           NULL };

    output = run_child (argv, "", env, &status);
  }
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (output, "locked=yes\n"));
  g_assert_nonnull (strstr (output, "loaded=Locked away\n"));
  g_assert_nonnull (strstr (output, "token: " LOCKED_MESSAGE "\n"));
  g_assert_nonnull (strstr (output, "save: " LOCKED_MESSAGE "\n"));
  g_assert_nonnull (strstr (output, "items-after=1\n"));
  g_assert_nonnull (strstr (output, "name-after=Locked away\n"));
  /* Signing out cannot remove it either, and says so rather than pretending. */
  g_assert_nonnull (strstr (output, "remove: " LOCKED_MESSAGE "\n"));
  g_assert_nonnull (strstr (output, "removed=no items-after-remove=1 still-listed=yes\n"));
  g_assert_nonnull (strstr (output, "child=done\n"));

  rm = g_strdup_printf ("rm -rf '%s'", dir);
  g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);
}

static int
child_locked (void)
{
  g_autoptr(GSubprocess) daemon = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *daemon_output = NULL;
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  g_autoptr(PbAccount) account = new_api_key_account ("Locked away", "client", "locked-secret");
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  GList *objects = NULL;
  GList *locked = NULL;
  g_autofree char *token = NULL;
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

  save_account (store, account, &error);
  g_assert_no_error (error);

  /* Lock the keyring. */
  service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);
  objects = g_list_append (NULL, collection);
  secret_service_lock_sync (service, objects, NULL, &locked, &error);
  g_assert_no_error (error);
  g_print ("locked=%s\n", g_list_length (locked) == 1 ? "yes" : "no");
  g_list_free (objects);
  g_list_free_full (locked, g_object_unref);

  /* Everything that needs the secret fails with the clear message; no prompt can show. */
  {
    g_autoptr(PbAccountStore) fresh = pb_account_store_new (NULL);
    PbAccount *loaded = NULL;

    /* The list still loads: only the secrets are locked away. */
    if (load_store (fresh, &error))
      loaded = pb_account_store_lookup (fresh, pb_account_get_id (account));
    else
      print_error ("load", error);
    g_print ("loaded=%s\n", loaded != NULL ? pb_account_get_name (loaded) : "(none)");
    g_clear_error (&error);

    token = get_token (loaded != NULL ? loaded : account, FALSE, &error);
    if (loaded == NULL)
      {
        /* Loading already said it; try the secret of an account known before the lock. */
        g_autoptr(PbAccount) copy = pb_account_copy (account);

        g_clear_error (&error);
        pb_account_set_secret (copy, NULL);
        g_assert_null (_pb_account_peek_secret (copy));
        token = get_token (copy, FALSE, &error);
      }
    print_error ("token", error);
    g_clear_error (&error);
  }

  {
    g_autoptr(PbAccount) edit = pb_account_copy (account);
    g_autoptr(PbAccountStore) other = pb_account_store_new (NULL);

    pb_account_set_name (edit, "Renamed while locked");
    pb_account_set_secret (edit, NULL);
    pb_account_set_secret (edit, "another-secret");
    save_account (other, edit, &error);
    print_error ("save", error);
    g_clear_error (&error);
  }

  g_print ("items-after=%u\n", count_items (pb_account_get_id (account)));
  {
    GList *items = find_items (pb_account_get_id (account));

    if (items != NULL)
      {
        g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (items->data);

        g_print ("name-after=%s\n", (char *) g_hash_table_lookup (attributes, "name"));
      }
    g_list_free_full (items, g_object_unref);
  }

  /* Signing out is asked for: it removes the item, or says why it could not. */
  {
    g_autoptr(PbAccountStore) fresh = pb_account_store_new (NULL);
    gboolean removed;

    load_store (fresh, NULL);
    removed = remove_account (fresh, pb_account_store_lookup (fresh, pb_account_get_id (account)),
                              &error);
    print_error ("remove", error);
    g_clear_error (&error);
    g_print ("removed=%s items-after-remove=%u still-listed=%s\n", removed ? "yes" : "no",
             count_items (pb_account_get_id (account)),
             pb_account_store_lookup (fresh, pb_account_get_id (account)) ? "yes" : "no");
  }

  if (daemon_pid > 0)
    kill (daemon_pid, SIGTERM);
  g_print ("child=done\n");

  return 0;
}

static void
test_secret_not_in_own_logs (void)
{
  /* Everything this process logged (debug included) during the tests above. */
  g_assert_cmpuint (known_secrets->len, >, 5);
  for (guint i = 0; i < known_secrets->len; i++)
    g_assert_null (strstr (captured_log->str, g_ptr_array_index (known_secrets, i)));
  g_assert_nonnull (strstr (captured_log->str, "Requesting an access token"));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  self_path = g_canonicalize_filename (argv[0], NULL);

  if (argc >= 2 && g_str_has_prefix (argv[1], "--child-"))
    {
      if (g_strcmp0 (argv[1], "--child-load") == 0 && argc == 3)
        return child_load (argv[2]);
      if (g_strcmp0 (argv[1], "--child-session") == 0)
        return child_session ();
      if (g_strcmp0 (argv[1], "--child-no-keyring") == 0 && argc == 3)
        return child_no_keyring (argv[2]);
      if (g_strcmp0 (argv[1], "--child-locked") == 0)
        return child_locked ();
      return 2;
    }

  captured_log = g_string_new (NULL);
  known_secrets = g_ptr_array_new_with_free_func (g_free);
  g_log_set_writer_func (capture_writer, NULL, NULL);
  g_log_set_debug_enabled (TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/account/url/check", test_url_check);
  g_test_add_func ("/account/url/normalize-and-regions", test_url_normalize_and_regions);
  g_test_add_func ("/account/properties", test_account_properties);
  g_test_add_func ("/account/token/client-credentials", test_token_client_credentials);
  g_test_add_func ("/account/token/expiry", test_token_expiry);
  g_test_add_func ("/account/token/renew", test_token_renew);
  g_test_add_func ("/account/token/concurrent", test_token_concurrent);
  g_test_add_func ("/account/token/refused", test_token_refused);
  g_test_add_func ("/account/token/bad-answers", test_token_bad_answers);
  g_test_add_func ("/account/token/endpoint-down", test_token_endpoint_down);
  g_test_add_func ("/account/token/pasted", test_token_pasted);
  g_test_add_func ("/account/keyring/save-attributes", test_keyring_save_attributes);
  g_test_add_func ("/account/keyring/save-invalid", test_keyring_save_invalid);
  g_test_add_func ("/account/keyring/load-fresh-process", test_keyring_load_fresh_process);
  g_test_add_func ("/account/keyring/lazy-secret", test_keyring_lazy_secret);
  g_test_add_func ("/account/keyring/rename-and-update", test_keyring_rename_and_update);
  g_test_add_func ("/account/keyring/switch", test_keyring_switch);
  g_test_add_func ("/account/keyring/sign-out", test_keyring_sign_out);
  g_test_add_func ("/account/keyring/missing", test_keyring_missing);
  g_test_add_func ("/account/keyring/locked", test_keyring_locked);
  g_test_add_func ("/account/secret/not-logged-or-written", test_secret_not_logged_or_written);
  /* Last: looks at the log of everything above. */
  g_test_add_func ("/account/secret/not-in-own-logs", test_secret_not_in_own_logs);

  return g_test_run ();
}
