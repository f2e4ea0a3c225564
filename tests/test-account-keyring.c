/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-account"

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include "test-account-util.h"

/* Accounts in the keyring: saving, loading in a fresh process, renaming, switching, signing
 * out, what the user reads when there is no keyring or it stays locked, and a whole session
 * that must not leak its secret. */

#define LOCKED_MESSAGE "The keyring is locked. Unlock it (for example by signing in again) " \
                       "and try again."
#define NO_KEYRING_MESSAGE "No keyring service is running. Plugboard keeps credentials in the " \
                           "desktop keyring (GNOME Keyring or KeePassXC with Secret Service)."

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

/* The production flag is kept with the account (an item attribute, not the secret). Turning
 * it on or off leaves one item: the older one goes even though a search by its attributes
 * also finds the new one. */
static const char *
production_attribute (const char *id)
{
  static char value[16];
  GList *items = find_items (id);
  g_autoptr(GHashTable) attributes = NULL;
  const char *found;

  g_assert_cmpuint (g_list_length (items), ==, 1);
  attributes = secret_retrievable_get_attributes (items->data);
  g_list_free_full (items, g_object_unref);
  found = g_hash_table_lookup (attributes, "production");
  g_strlcpy (value, found != NULL ? found : "(none)", sizeof value);

  return value;
}

static gboolean
loaded_production (const char *id)
{
  g_autoptr(PbAccountStore) fresh = pb_account_store_new (NULL);
  g_autoptr(GError) error = NULL;
  PbAccount *loaded;

  g_assert_true (load_store (fresh, &error));
  loaded = pb_account_store_lookup (fresh, id);
  g_assert_nonnull (loaded);

  return pb_account_get_production (loaded);
}

static void
test_keyring_production (void)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  g_autofree char *secret = random_secret ("client-secret");
  g_autoptr(PbAccount) account = new_api_key_account ("Live tenant", "client", secret);
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  const char *id = pb_account_get_id (account);

  /* Saved without it: no attribute, as items saved before the flag existed. */
  save_account (store, account, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (production_attribute (id), ==, "(none)");
  g_assert_false (loaded_production (id));

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(PbAccount) on = pb_account_copy (account);
      g_autoptr(PbAccount) off = NULL;

      /* On, in a copy as the preferences window does, without entering the secret. */
      pb_account_set_secret (on, NULL);
      pb_account_set_production (on, TRUE);
      g_assert_true (save_account (store, on, &error) == account);
      g_assert_no_error (error);
      g_assert_true (pb_account_get_production (account));
      g_assert_cmpstr (production_attribute (id), ==, "true");
      g_assert_true (loaded_production (id));

      off = pb_account_copy (account);
      pb_account_set_production (off, FALSE);
      g_assert_true (save_account (store, off, &error) == account);
      g_assert_no_error (error);
      g_assert_false (pb_account_get_production (account));
      g_assert_cmpstr (production_attribute (id), ==, "(none)");
      g_assert_false (loaded_production (id));
    }

  /* The secret stayed what it was, through every save. */
  stored = lookup_secret (id);
  g_assert_cmpstr (stored, ==, secret);

  g_assert_true (remove_account (store, account, &error));
}

/* Without a keyring, and with a locked one: a child process on a private bus. */

static void
test_keyring_missing (void)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  g_autofree char *secret = random_secret ("client-secret");
  g_autoptr(PbAccount) account = new_api_key_account ("Stays", "client", secret);
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *stored = NULL;
  int status;

  save_account (store, account, &error);
  g_assert_no_error (error);

  {
    const char *args[] = { "--child-no-keyring", pb_account_get_id (account), NULL };

    output = run_child_on_private_bus (args, FALSE, &status);
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
  g_autofree char *output = NULL;
  g_autofree char *daemon = g_find_program_in_path ("gnome-keyring-daemon");
  int status;

  if (daemon == NULL)
    {
      pb_test_skip_or_fail ("gnome-keyring-daemon is not installed");
      return;
    }

  /* A keyring of its own (this one gets locked), in throwaway folders. */
  {
    const char *args[] = { "--child-locked", NULL };

    output = run_child_on_private_bus (args, TRUE, &status);
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
}

static int
child_locked (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  g_autoptr(PbAccount) account = new_api_key_account ("Locked away", "client", "locked-secret");
  g_autofree char *token = NULL;
  GPid daemon_pid = start_private_keyring ();

  save_account (store, account, &error);
  g_assert_no_error (error);

  g_print ("locked=%s\n", lock_default_collection () ? "yes" : "no");

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

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  self_path = g_canonicalize_filename (argv[0], NULL);

  if (argc >= 2 && g_str_has_prefix (argv[1], "--child-"))
    {
      if (g_strcmp0 (argv[1], "--child-load") == 0 && argc == 3)
        return child_load (argv[2]);
      if (g_strcmp0 (argv[1], "--child-no-keyring") == 0 && argc == 3)
        return child_no_keyring (argv[2]);
      if (g_strcmp0 (argv[1], "--child-locked") == 0)
        return child_locked ();
      if (g_strcmp0 (argv[1], "--child-session") == 0)
        return child_session ();
      return 2;
    }

  test_account_init (&argc, &argv);

  g_test_add_func ("/account/keyring/save-attributes", test_keyring_save_attributes);
  g_test_add_func ("/account/keyring/save-invalid", test_keyring_save_invalid);
  g_test_add_func ("/account/keyring/load-fresh-process", test_keyring_load_fresh_process);
  g_test_add_func ("/account/keyring/lazy-secret", test_keyring_lazy_secret);
  g_test_add_func ("/account/keyring/rename-and-update", test_keyring_rename_and_update);
  g_test_add_func ("/account/keyring/switch", test_keyring_switch);
  g_test_add_func ("/account/keyring/production", test_keyring_production);
  g_test_add_func ("/account/keyring/sign-out", test_keyring_sign_out);
  g_test_add_func ("/account/keyring/missing", test_keyring_missing);
  g_test_add_func ("/account/keyring/locked", test_keyring_locked);
  g_test_add_func ("/account/secret/not-logged-or-written", test_secret_not_logged_or_written);
  /* Last: looks at the log of everything above. */
  g_test_add_func ("/account/keyring/secret-not-in-own-logs", test_secret_not_in_own_logs);

  return g_test_run ();
}
