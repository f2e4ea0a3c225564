/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-account"

#include "config.h"

#include <locale.h>

#include "test-account-util.h"

/* A saved secret never follows a changed address: once the host of an account's base URL or
 * token endpoint is not the saved item's, the saved client secret or token must be entered
 * again before anything is sent (issue 17). Runs against the session's keyring. */

/* Saves an API key account whose token endpoint is `ts` and whose API is `api`, and returns
 * the store's (live) account; its secret is read back from the keyring once. */
static PbAccount *
save_live (PbAccountStore *store,
           TokenServer    *ts,
           PbTestServer   *api,
           const char     *secret)
{
  g_autoptr(PbAccount) account = new_account_for (ts, secret);
  g_autoptr(GError) error = NULL;
  PbAccount *live;

  pb_account_set_base_url (account, api->base_url);
  live = save_account (store, account, &error);
  g_assert_no_error (error);
  g_assert_true (pb_account_get_saved (live));

  return live;
}

static void
assert_address_changed (PbAccount *account)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  g_assert_false (pb_account_get_has_secret (account));
  g_assert_false (pb_account_validate (account, &error));
  g_assert_error (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_ADDRESS_CHANGED);
  g_clear_error (&error);

  g_assert_false (load_secret (account, &error));
  g_assert_error (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_ADDRESS_CHANGED);
  g_clear_error (&error);

  token = get_token (account, FALSE, &error);
  g_assert_null (token);
  g_assert_error (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_ADDRESS_CHANGED);
}

/* Editing a saved account (a copy, as Preferences does): Save and Check refuse the new host
 * until the secret is entered again, and nothing reaches it. */
static void
test_edited_copy (void)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  g_autoptr(TokenServer) ts = token_server_new ();
  g_autoptr(PbTestServer) api = pb_test_server_new (FALSE);
  g_autoptr(PbTestServer) other = pb_test_server_new (FALSE);
  g_autofree char *secret = random_secret ("client-secret");
  g_autofree char *new_secret = random_secret ("client-secret");
  g_autofree char *other_endpoint = g_strconcat (other->base_url, "/oauth/token", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  PbAccount *live = save_live (store, ts, api, secret);
  const char *id = pb_account_get_id (live);
  g_autoptr(PbAccount) edited = NULL;
  PbAccount *saved;

  /* Used once at its own address: the secret is in memory, read from the keyring. */
  token = get_token (live, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ts->n_requests, ==, 1);

  /* Another base URL host. */
  edited = pb_account_copy (live);
  g_assert_true (pb_account_get_has_secret (edited));
  pb_account_set_base_url (edited, other->base_url);
  assert_address_changed (edited);

  /* Another token endpoint host; the base URL back as it was. */
  pb_account_set_base_url (edited, api->base_url);
  g_assert_true (pb_account_get_has_secret (edited));
  pb_account_set_token_endpoint (edited, other_endpoint);
  assert_address_changed (edited);

  /* Save refuses too, before it reads the keyring. */
  saved = save_account (store, edited, &error);
  g_assert_null (saved);
  g_assert_error (error, PB_ACCOUNT_ERROR, PB_ACCOUNT_ERROR_ADDRESS_CHANGED);
  g_clear_error (&error);

  /* Nothing went anywhere: not to the new host, not again to the old one. */
  g_assert_cmpuint (other->requests->len, ==, 0);
  g_assert_cmpuint (other->n_token_requests, ==, 0);
  g_assert_cmpuint (ts->n_requests, ==, 1);
  g_assert_cmpuint (count_items (id), ==, 1);
  g_assert_cmpstr (pb_account_get_token_endpoint (live), ==, ts->url);

  /* Entered again, it is saved for the new address. */
  pb_account_set_secret (edited, new_secret);
  g_assert_true (pb_account_validate (edited, &error));
  g_assert_no_error (error);
  saved = save_account (store, edited, &error);
  g_assert_no_error (error);
  g_assert_true (saved == live);
  g_assert_cmpstr (pb_account_get_token_endpoint (live), ==, other_endpoint);
  g_clear_pointer (&secret, g_free);
  secret = lookup_secret (id);
  g_assert_cmpstr (secret, ==, new_secret);

  g_assert_true (remove_account (store, live, &error));
  g_assert_no_error (error);
}

/* The same host on another path, with another audience: the saved secret still applies. */
static void
test_same_host (void)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  g_autoptr(TokenServer) ts = token_server_new ();
  g_autoptr(PbTestServer) api = pb_test_server_new (FALSE);
  g_autofree char *secret = random_secret ("client-secret");
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *moved = NULL;
  PbAccount *live = save_live (store, ts, api, secret);
  g_autoptr(PbAccount) edited = pb_account_copy (live);

  moved = g_strconcat (api->base_url, "/tenant", NULL);
  pb_account_set_base_url (edited, moved);
  pb_account_set_audience (edited, "https://api.example.test");
  g_assert_true (pb_account_get_has_secret (edited));
  g_assert_true (pb_account_validate (edited, &error));
  g_assert_no_error (error);

  token = get_token (edited, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (token);
  g_assert_cmpstr (g_hash_table_lookup (ts->form, "client_secret"), ==, secret);

  g_assert_true (remove_account (store, live, &error));
  g_assert_no_error (error);
}

/* The store's own account: a secret read from the keyring is forgotten, with the token minted
 * with it, when its address changes, and the API at the new host gets nothing. */
static void
test_live_account (void)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  g_autoptr(TokenServer) ts = token_server_new ();
  g_autoptr(PbTestServer) api = pb_test_server_new (FALSE);
  g_autoptr(PbTestServer) other = pb_test_server_new (FALSE);
  g_autofree char *secret = random_secret ("client-secret");
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autoptr(PbClient) client = NULL;
  g_auto(PbTestWaiter) waiter = { 0 };
  g_autoptr(GPtrArray) list = NULL;
  PbAccount *live = save_live (store, ts, api, secret);
  guint notified = 0;

  token = get_token (live, FALSE, &error);
  g_assert_no_error (error);

  g_signal_connect (live, "notify::has-secret", G_CALLBACK (count_notify), &notified);
  pb_account_set_base_url (live, other->base_url);
  g_assert_cmpuint (notified, ==, 1);
  assert_address_changed (live);

  client = pb_client_new (other->base_url);
  pb_client_set_token_source (client, PB_TOKEN_SOURCE (live));
  pb_client_list_connections_async (client, NULL, NULL, NULL, NULL, pb_test_waiter_cb, &waiter);
  list = pb_client_list_connections_finish (client, pb_test_waiter_wait (&waiter), &error);
  g_assert_null (list);
  g_assert_nonnull (error);
  g_assert_cmpuint (other->requests->len, ==, 0);
  g_assert_cmpuint (ts->n_requests, ==, 1);
  g_clear_error (&error);

  /* Back at its address, the saved secret applies again. */
  pb_account_set_base_url (live, api->base_url);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_true (pb_account_get_has_secret (live));
  g_clear_pointer (&token, g_free);
  token = get_token (live, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ts->n_requests, ==, 2);

  g_signal_handlers_disconnect_by_data (live, &notified);
  g_assert_true (remove_account (store, live, &error));
  g_assert_no_error (error);
}

/* A pasted access token follows neither a new base URL host; the token endpoint does not
 * matter for it (it never goes there). */
static void
test_access_token (void)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  g_autoptr(PbTestServer) api = pb_test_server_new (FALSE);
  g_autoptr(PbTestServer) other = pb_test_server_new (FALSE);
  g_autofree char *secret = random_secret ("access-token");
  g_autoptr(PbAccount) account = pb_account_new ();
  g_autoptr(PbAccount) edited = NULL;
  g_autoptr(GError) error = NULL;
  PbAccount *live;

  pb_account_set_base_url (account, api->base_url);
  pb_account_set_sign_in (account, PB_SIGN_IN_ACCESS_TOKEN);
  pb_account_set_secret (account, secret);
  live = save_account (store, account, &error);
  g_assert_no_error (error);

  edited = pb_account_copy (live);
  pb_account_set_token_endpoint (edited, "https://elsewhere.example.com/oauth/token");
  g_assert_true (pb_account_get_has_secret (edited));
  pb_account_set_base_url (edited, other->base_url);
  assert_address_changed (edited);
  g_assert_cmpuint (other->requests->len, ==, 0);

  /* Pasted again: it is this one that goes there. */
  {
    g_autofree char *pasted = random_secret ("access-token");
    g_autofree char *token = NULL;

    pb_account_set_secret (edited, pasted);
    g_assert_true (pb_account_validate (edited, &error));
    token = get_token (edited, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (token, ==, pasted);
  }

  g_assert_true (remove_account (store, live, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  test_account_init (&argc, &argv);

  g_test_add_func ("/account/address/edited-copy", test_edited_copy);
  g_test_add_func ("/account/address/same-host", test_same_host);
  g_test_add_func ("/account/address/live-account", test_live_account);
  g_test_add_func ("/account/address/access-token", test_access_token);
  g_test_add_func ("/account/address/secret-not-in-own-logs", test_secret_not_in_own_logs);

  return g_test_run ();
}
