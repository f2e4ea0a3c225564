/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The whole application against the keyring: with no account the welcome page, with a saved
 * one the list straight away, and switching between accounts. Runs under Xvfb in a D-Bus
 * session with an unlocked keyring (build-aux/test-session.sh). */
#define G_LOG_DOMAIN "test-application"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "pb-account-store.h"
#include "pb-application.h"
#include "pb-cache.h"
#include "pb-demo-server.h"
#include "pb-history-dialog.h"
#include "pb-test-write.h"
#include "pb-preferences-window.h"
#include "pb-test-ui.h"
#include "pb-window.h"

/* Saves an account with a pasted token (or the server's) for the demo server, through a store
 * of its own. */
static char *
save_account_with_token (PbDemoServer *server,
                         const char   *name,
                         const char   *token)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  g_autoptr(PbAccount) account = pb_account_new ();
  g_autoptr(GError) error = NULL;
  g_auto(PbTestWaiter) waiter = { NULL };

  pb_account_set_name (account, name);
  pb_account_set_base_url (account, pb_demo_server_get_base_url (server));
  pb_account_set_sign_in (account, PB_SIGN_IN_ACCESS_TOKEN);
  pb_account_set_secret (account, token ? token : pb_demo_server_get_token (server));

  pb_account_store_save_async (store, account, NULL, pb_test_waiter_cb, &waiter);
  g_assert_nonnull (pb_account_store_save_finish (store, pb_test_waiter_wait (&waiter), &error));
  g_assert_no_error (error);
  pb_test_waiter_clear (&waiter);

  return g_strdup (pb_account_get_id (account));
}

static char *
save_account (PbDemoServer *server,
              const char   *name)
{
  return save_account_with_token (server, name, NULL);
}

static void
remove_all_accounts (void)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(PbTestWaiter) waiter = { NULL };

  pb_account_store_load_async (store, NULL, pb_test_waiter_cb, &waiter);
  g_assert_true (pb_account_store_load_finish (store, pb_test_waiter_wait (&waiter), &error));
  g_assert_no_error (error);
  pb_test_waiter_clear (&waiter);

  while (g_list_model_get_n_items (G_LIST_MODEL (store)) > 0)
    {
      g_autoptr(PbAccount) account = g_list_model_get_item (G_LIST_MODEL (store), 0);

      pb_account_store_remove_async (store, account, NULL, pb_test_waiter_cb, &waiter);
      g_assert_true (pb_account_store_remove_finish (store, pb_test_waiter_wait (&waiter), &error));
      g_assert_no_error (error);
      pb_test_waiter_clear (&waiter);
    }
}

static PbApplication *
start_application (void)
{
  static guint n_started;
  PbApplication *app = pb_application_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("%s.Test%u", APP_ID, ++n_started);

  /* Without g_application_run() an instance is never shut down, so its object stays
   * exported on the bus: each start gets a name of its own. */
  g_application_set_application_id (G_APPLICATION (app), id);
  /* Not unique: each test has its own instance, without asking the bus for the name. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  return app;
}

static PbWindow *
wait_for_view (PbApplication *app,
               const char    *view)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  PbWindow *window = NULL;

  while (g_get_monotonic_time () < deadline)
    {
      window = PB_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
      if (window != NULL && !pb_window_get_loading (window) &&
          !pb_application_get_accounts_loading (app) &&
          g_strcmp0 (pb_window_get_view (window), view) == 0)
        break;
      g_main_context_iteration (NULL, TRUE);
    }

  g_assert_nonnull (window);
  g_assert_cmpstr (pb_window_get_view (window), ==, view);
  pb_test_spin (50);

  return window;
}

static void
quit_application (PbApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window != NULL)
    gtk_window_destroy (window);
  pb_test_spin (50);
  g_application_quit (G_APPLICATION (app));
  g_object_unref (app);
}

static void
test_welcome_without_account (void)
{
  PbApplication *app;

  remove_all_accounts ();
  app = start_application ();
  wait_for_view (app, "welcome");
  g_assert_null (pb_application_get_client (app));
  quit_application (app);
}

/* The demo keeps a history of its writes, as an account does: History opens (empty in a new
 * demo) instead of staying off. */
static void
test_demo_has_history (void)
{
  g_autoptr(GError) error = NULL;
  PbApplication *app;
  PbWindow *window;
  GtkWidget *dialog;

  remove_all_accounts ();
  app = start_application ();
  wait_for_view (app, "welcome");
  g_assert_true (pb_application_start_demo (app, &error));
  g_assert_no_error (error);
  window = wait_for_view (app, "connections");
  g_assert_nonnull (pb_application_get_source_id (app));

  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (pb_window_get_shown_connections (window)),
                                     0);
  pb_test_spin (50);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.history", NULL));
  dialog = pb_test_wait_for_toplevel (PB_TYPE_HISTORY_DIALOG);
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  quit_application (app);
}

/* Include Secrets is in none of the action groups GTK exports on the session bus: the
 * application's and the window's (org.gtk.Actions at the application's and the window's
 * object paths). The window still has it, as a widget action. */
static void
test_include_secrets_not_exported (void)
{
  PbApplication *app;
  PbWindow *window;
  g_auto(GStrv) app_actions = NULL;
  g_auto(GStrv) window_actions = NULL;

  remove_all_accounts ();
  app = start_application ();
  window = wait_for_view (app, "welcome");
  /* The keyboard starts on the page's main button: Enter sets up an account. */
  {
    GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (window));

    g_assert_true (GTK_IS_BUTTON (focus));
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (focus)), ==, "_Set Up Account…");
  }

  app_actions = g_action_group_list_actions (G_ACTION_GROUP (app));
  window_actions = g_action_group_list_actions (G_ACTION_GROUP (window));
  g_assert_true (g_strv_contains ((const char * const *) app_actions, "preferences"));
  g_assert_true (g_strv_contains ((const char * const *) window_actions, "show-archived"));
  g_assert_false (g_strv_contains ((const char * const *) app_actions, "include-secrets"));
  g_assert_false (g_strv_contains ((const char * const *) window_actions, "include-secrets"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.include-secrets", NULL);
  g_assert_true (pb_window_get_include_secrets (window));
  quit_application (app);
}

static void
test_saved_account_loads_at_start (void)
{
  g_autoptr(PbDemoServer) server = pb_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *host = NULL;
  PbApplication *app;
  PbWindow *window;
  PbAccount *active;

  g_assert_true (pb_demo_server_start (server, 0, &error));
  remove_all_accounts ();
  id = save_account (server, "Test tenant");

  app = start_application ();
  window = wait_for_view (app, "connections");

  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_shown_connections (window)), >, 0);
  /* The window calls the account by the name it was given, not by its host. */
  host = g_strdup_printf ("127.0.0.1:%u", pb_demo_server_get_port (server));
  g_assert_cmpstr (pb_application_get_source_title (app), ==, "Test tenant");
  g_assert_true (pb_test_shows_text (GTK_WIDGET (window), "Test tenant", TRUE));
  /* (The page's API link holds the host: the header bars do not.) */
  {
    g_autoptr(GPtrArray) bars = pb_test_find_all (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR);

    g_assert_cmpuint (bars->len, >, 0);
    for (guint i = 0; i < bars->len; i++)
      g_assert_false (pb_test_shows_text (g_ptr_array_index (bars, i), host, FALSE));
  }

  /* Renamed in the preferences: the window follows. */
  active = pb_account_store_get_active (pb_application_get_accounts (app));
  pb_account_set_name (active, "Staging tenant");
  pb_test_spin (50);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (window), "Staging tenant", TRUE));
  g_assert_false (pb_test_shows_text (GTK_WIDGET (window), "Test tenant", TRUE));
  /* Without a name, its host. */
  pb_account_set_name (active, "");
  pb_test_spin (50);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (window), host, TRUE));

  quit_application (app);
  remove_all_accounts ();
  pb_demo_server_stop (server);
}

static void
test_switch_accounts (void)
{
  g_autoptr(PbDemoServer) first = pb_demo_server_new ();
  g_autoptr(PbDemoServer) second = pb_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first_id = NULL;
  g_autofree char *second_id = NULL;
  PbApplication *app;
  PbWindow *window;
  g_autoptr(GVariant) state = NULL;

  g_assert_true (pb_demo_server_start (first, 0, &error));
  g_assert_true (pb_demo_server_start (second, 0, &error));
  pb_demo_server_generate (second, 7, 1);
  remove_all_accounts ();
  first_id = save_account (first, "Production");
  second_id = save_account (second, "Test");

  app = start_application ();
  window = wait_for_view (app, "connections");

  /* Switch to the other one from the menu's action. */
  state = g_action_group_get_action_state (G_ACTION_GROUP (app), "account");
  g_action_group_change_action_state (G_ACTION_GROUP (app), "account",
                                      g_variant_new_string (g_str_equal (g_variant_get_string (state, NULL), first_id)
                                                            ? second_id : first_id));
  window = wait_for_view (app, "connections");
  g_clear_pointer (&state, g_variant_unref);
  state = g_action_group_get_action_state (G_ACTION_GROUP (app), "account");

  if (g_str_equal (g_variant_get_string (state, NULL), second_id))
    g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_shown_connections (window)), <=, 7);
  else
    g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_shown_connections (window)), ==, 20);

  quit_application (app);

  /* The last used one is opened at the next start. */
  app = start_application ();
  window = wait_for_view (app, "connections");
  {
    g_autoptr(GVariant) again = g_action_group_get_action_state (G_ACTION_GROUP (app), "account");

    g_assert_cmpstr (g_variant_get_string (again, NULL), ==, g_variant_get_string (state, NULL));
  }
  quit_application (app);

  remove_all_accounts ();
  pb_demo_server_stop (first);
  pb_demo_server_stop (second);
}

static void
test_sign_out_removes_offline_copy (void)
{
  g_autoptr(PbDemoServer) server = pb_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *saved = NULL;
  PbApplication *app;
  PbAccountStore *store;
  g_auto(PbTestWaiter) waiter = { NULL };

  g_assert_true (pb_demo_server_start (server, 0, &error));
  remove_all_accounts ();
  id = save_account (server, "Signed out soon");
  path = pb_cache_get_path (id);

  app = start_application ();
  wait_for_view (app, "connections");

  /* The list was kept for the offline view, without the token. */
  for (guint i = 0; i < 100 && !g_file_test (path, G_FILE_TEST_EXISTS); i++)
    pb_test_spin (20);
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_null (strstr (saved, pb_demo_server_get_token (server)));

  /* Signing out (what Preferences does) removes the account and its copy. */
  store = pb_application_get_accounts (app);
  pb_account_store_remove_async (store, pb_account_store_lookup (store, id), NULL,
                                 pb_test_waiter_cb, &waiter);
  g_assert_true (pb_account_store_remove_finish (store, pb_test_waiter_wait (&waiter), &error));
  g_assert_no_error (error);
  pb_test_waiter_clear (&waiter);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  wait_for_view (app, "welcome");

  quit_application (app);
  pb_demo_server_stop (server);
}

/* Closing the window (Ctrl+W) and quitting is not a sign-out: the account and its offline
 * copy stay, and the next start without the server shows the last list. */
static void
test_close_keeps_offline_copy (void)
{
  g_autoptr(PbDemoServer) server = pb_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  PbApplication *app;
  PbWindow *window;
  guint n_shown;

  g_assert_true (pb_demo_server_start (server, 0, &error));
  remove_all_accounts ();
  id = save_account (server, "Kept offline");
  path = pb_cache_get_path (id);

  app = start_application ();
  window = wait_for_view (app, "connections");
  n_shown = g_list_model_get_n_items (pb_window_get_shown_connections (window));
  g_assert_cmpuint (n_shown, >, 0);
  for (guint i = 0; i < 100 && !g_file_test (path, G_FILE_TEST_EXISTS); i++)
    pb_test_spin (20);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  /* What Ctrl+W does; then the application ends as it does with its last window gone. */
  gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL);
  pb_test_spin (50);
  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (app)));
  quit_application (app);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Start again with the server gone: the account is still there, and so is its list. */
  pb_demo_server_stop (server);
  app = start_application ();
  window = wait_for_view (app, "connections");
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_shown_connections (window)), ==,
                    n_shown);
  g_assert_nonnull (pb_account_store_lookup (pb_application_get_accounts (app), id));
  quit_application (app);

  remove_all_accounts ();
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* After a refused sign-in, saving the right secret (what Preferences does) loads the list
 * with it, without Retry. */
static void
test_saving_credentials_reloads (void)
{
  g_autoptr(PbDemoServer) server = pb_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(PbAccount) edited = NULL;
  g_auto(PbTestWaiter) waiter = { NULL };
  PbApplication *app;
  PbAccountStore *store;
  PbWindow *window;

  g_assert_true (pb_demo_server_start (server, 0, &error));
  remove_all_accounts ();
  id = save_account_with_token (server, "Wrong token", "not-the-token");

  app = start_application ();
  window = wait_for_view (app, "error");
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_shown_connections (window)), ==, 0);

  store = pb_application_get_accounts (app);
  edited = pb_account_copy (pb_account_store_lookup (store, id));
  pb_account_set_secret (edited, pb_demo_server_get_token (server));
  pb_account_store_save_async (store, edited, NULL, pb_test_waiter_cb, &waiter);
  g_assert_nonnull (pb_account_store_save_finish (store, pb_test_waiter_wait (&waiter), &error));
  g_assert_no_error (error);
  pb_test_waiter_clear (&waiter);

  window = wait_for_view (app, "connections");
  g_assert_cmpuint (g_list_model_get_n_items (pb_window_get_shown_connections (window)), >, 0);

  quit_application (app);
  remove_all_accounts ();
  pb_demo_server_stop (server);
}

/* The preferences window open over the application's window, or NULL. */
static PbPreferencesWindow *
find_preferences (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (PB_IS_PREFERENCES_WINDOW (toplevel))
        return PB_PREFERENCES_WINDOW (toplevel);
    }

  return NULL;
}

/* A refused sign-in is mended in Preferences: "Open Preferences" is the page's main button,
 * first and suggested, Retry beside it; it opens the preferences of the account shown. */
static void
test_sign_in_refused_offers_preferences (void)
{
  g_autoptr(PbDemoServer) server = pb_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  PbPreferencesWindow *preferences = NULL;
  PbApplication *app;
  PbWindow *window;
  GtkWidget *open, *retry;

  g_assert_true (pb_demo_server_start (server, 0, &error));
  remove_all_accounts ();
  id = save_account_with_token (server, "Refused", "not-the-token");

  app = start_application ();
  window = wait_for_view (app, "error");
  g_assert_true (pb_test_shows_text (GTK_WIDGET (window), "Sign-In Refused", TRUE));
  open = pb_test_find_button (GTK_WIDGET (window), "Open _Preferences");
  retry = pb_test_find_button (GTK_WIDGET (window), "_Retry");
  g_assert_nonnull (open);
  g_assert_nonnull (retry);
  g_assert_true (gtk_widget_get_first_child (gtk_widget_get_parent (open)) == open);
  g_assert_true (gtk_widget_has_css_class (open, "suggested-action"));
  g_assert_true (gtk_widget_has_css_class (open, "pill"));
  g_assert_false (gtk_widget_has_css_class (retry, "suggested-action"));

  pb_test_click (open);
  for (guint i = 0; i < 50 && (preferences = find_preferences ()) == NULL; i++)
    pb_test_spin (20);
  g_assert_nonnull (preferences);
  g_assert_cmpstr (pb_account_get_id (pb_preferences_window_get_account (preferences)), ==, id);
  gtk_window_destroy (GTK_WINDOW (preferences));

  quit_application (app);
  remove_all_accounts ();
  pb_demo_server_stop (server);
}

static gboolean
window_shows_production (PbWindow *window)
{
  GtkWidget *badge = pb_test_find_label (GTK_WIDGET (window), "Production");

  return badge != NULL && pb_window_get_production (window);
}

static gboolean
production_badge_shown (gpointer data)
{
  return window_shows_production (data);
}

static gboolean
production_badge_hidden (gpointer data)
{
  return !pb_window_get_production (data)
         && pb_test_find_label (GTK_WIDGET (data), "Production") == NULL;
}

static void
switch_to_account (PbApplication *app,
                   const char    *id)
{
  g_action_group_change_action_state (G_ACTION_GROUP (app), "account",
                                      g_variant_new_string (id));
}

/* The window says "Production" for a production account only: when it starts on one, when
 * the user switches accounts, and when the switch of Preferences is turned and saved. */
static void
test_production_badge (void)
{
  g_autoptr(PbDemoServer) server = pb_demo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *live_id = NULL;
  g_autofree char *test_id = NULL;
  PbPreferencesWindow *preferences = NULL;
  PbApplication *app;
  PbWindow *window;
  GtkWidget *toggle;

  g_assert_true (pb_demo_server_start (server, 0, &error));
  remove_all_accounts ();
  live_id = save_account (server, "Live");
  test_id = save_account (server, "Staging");
  {
    g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
    g_autoptr(PbAccount) live = NULL;
    g_auto(PbTestWaiter) waiter = { NULL };

    pb_account_store_load_async (store, NULL, pb_test_waiter_cb, &waiter);
    g_assert_true (pb_account_store_load_finish (store, pb_test_waiter_wait (&waiter), &error));
    pb_test_waiter_clear (&waiter);
    live = pb_account_copy (pb_account_store_lookup (store, live_id));
    pb_account_set_production (live, TRUE);
    pb_account_store_save_async (store, live, NULL, pb_test_waiter_cb, &waiter);
    g_assert_nonnull (pb_account_store_save_finish (store, pb_test_waiter_wait (&waiter),
                                                    &error));
    g_assert_no_error (error);
  }

  app = start_application ();
  window = wait_for_view (app, "connections");
  switch_to_account (app, live_id);
  window = wait_for_view (app, "connections");
  pb_test_wait_until (production_badge_shown, window, "the production badge");
  g_assert_true (pb_test_shows_text (GTK_WIDGET (window), "Live", TRUE));

  switch_to_account (app, test_id);
  window = wait_for_view (app, "connections");
  pb_test_wait_until (production_badge_hidden, window, "the production badge to go");
  g_assert_true (pb_test_shows_text (GTK_WIDGET (window), "Staging", TRUE));

  /* Turned on in Preferences for the account shown: saved, the badge comes. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  for (guint i = 0; i < 50 && (preferences = find_preferences ()) == NULL; i++)
    pb_test_spin (20);
  g_assert_nonnull (preferences);
  g_assert_cmpstr (pb_account_get_id (pb_preferences_window_get_account (preferences)), ==,
                   test_id);
  toggle = pb_test_find_widget (GTK_WIDGET (preferences), GTK_TYPE_SWITCH, NULL, NULL);
  g_assert_nonnull (toggle);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (preferences), "Production Tenant", TRUE));
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  g_assert_false (pb_window_get_production (window));
  pb_test_click_label (GTK_WIDGET (preferences), "_Save");
  pb_test_wait_until (production_badge_shown, window, "the production badge after a save");

  /* And off again. */
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  pb_test_click_label (GTK_WIDGET (preferences), "_Save");
  pb_test_wait_until (production_badge_hidden, window, "the production badge to go again");
  gtk_window_destroy (GTK_WINDOW (preferences));

  quit_application (app);
  remove_all_accounts ();
  pb_demo_server_stop (server);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/application/welcome-without-account", test_welcome_without_account);
  g_test_add_func ("/application/saved-account-loads-at-start", test_saved_account_loads_at_start);
  g_test_add_func ("/application/include-secrets-not-exported",
                   test_include_secrets_not_exported);
  g_test_add_func ("/application/switch-accounts", test_switch_accounts);
  g_test_add_func ("/application/sign-out-removes-offline-copy",
                   test_sign_out_removes_offline_copy);
  g_test_add_func ("/application/close-keeps-offline-copy", test_close_keeps_offline_copy);
  g_test_add_func ("/application/saving-credentials-reloads", test_saving_credentials_reloads);
  g_test_add_func ("/application/production-badge", test_production_badge);
  g_test_add_func ("/application/demo-has-history", test_demo_has_history);
  g_test_add_func ("/application/sign-in-refused-offers-preferences",
                   test_sign_in_refused_offers_preferences);

  return g_test_run ();
}
