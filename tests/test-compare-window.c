/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Compare Accounts… (pb-compare-window.h) in demo mode, the real window against the two demo
 * data sets (pb-demo-server.h): both loaded, the counts of the groups on screen, the
 * differences of a connection and what to check in it, and a copy to the target through the
 * save flow's preview and production guard, after which the target has it and the groups
 * count it as identical. Runs under Xvfb in a D-Bus session with an unlocked keyring
 * (build-aux/test-session.sh): the application reads its accounts at startup. */
#define G_LOG_DOMAIN "test-compare-window"

#include "config.h"

#include <adwaita.h>

#include "pb-account.h"
#include "pb-application.h"
#include "pb-compare-window.h"
#include "pb-connection.h"
#include "pb-demo-server.h"
#include "pb-diff-view.h"
#include "pb-save-conflict.h"
#include "pb-save-preview.h"
#include "pb-window.h"
#include "test-account-util.h"
#include "test-compare-window-fixture.h"
#include "pb-test-ui.h"
#include "pb-test-write.h"

#define SHIPMENT "Shipment Tracking"
#define LOYALTY "Loyalty Points Balance"
#define SECRET "s3cr3t-Typed-5678"

static gboolean
can_copy (Fixture *fixture)
{
  return gtk_widget_is_sensitive (pb_test_find_button (GTK_WIDGET (fixture->window),
                                                       "Copy to Demo Production"));
}

static gboolean
copy_offered (gpointer data)
{
  return can_copy (data);
}

/* Copies the pair shown through the preview and the production guard, and waits until the
 * comparison shows the result. */
static void
copy_through_preview (Fixture    *fixture,
                      const char *name)
{
  GtkWidget *preview;
  GtkWidget *guard;

  pb_test_click_label (GTK_WIDGET (fixture->window), "Copy to Demo Production");
  preview = pb_test_wait_for_toplevel (PB_TYPE_SAVE_PREVIEW);
  g_assert_true (pb_test_shows_text (preview, "Demo Production", FALSE));
  pb_test_click_label (preview, "_Copy");

  /* Demo Production stands for a production tenant: its guard asks for the name. */
  guard = pb_test_wait_for_question (preview);
  g_assert_false (pb_test_guard_can_confirm (guard));
  pb_test_guard_type (guard, name);
  g_assert_true (pb_test_guard_can_confirm (guard));
  pb_test_question_respond (guard, "confirm");
  pb_test_wait_for_no_toplevel (PB_TYPE_SAVE_PREVIEW);
}

static void
test_groups_counted (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);

  /* What the demo data sets differ by (pb-demo-server.h): three connections and the renamed
   * one only in staging, a new one and the renamed one only in production, five changed. */
  g_assert_true (pb_test_shows_text (window, "Only in Demo Staging", TRUE));
  g_assert_true (pb_test_shows_text (window, "Only in Demo Production", TRUE));
  g_assert_cmpstr (count_shown (fixture, "only-in-source"), ==, "4");
  g_assert_cmpstr (count_shown (fixture, "only-in-target"), ==, "2");
  g_assert_cmpstr (count_shown (fixture, "different"), ==, "5");
  g_assert_cmpstr (count_shown (fixture, "identical"), ==, "15");

  /* The list shows the group chosen, and nothing is chosen yet. */
  pb_compare_window_select_group (fixture->window, PB_COMPARE_GROUP_ONLY_IN_TARGET);
  pb_test_spin (50);
  g_assert_true (pb_test_shows_text (window, "Push Notification (new provider)", TRUE));
  g_assert_false (pb_test_shows_text (window, SHIPMENT, TRUE));
  g_assert_true (pb_test_shows_text (window, "No Connection Selected", TRUE));

  /* The other way round, the groups of the sources swap. */
  pb_compare_window_set_accounts (fixture->window, 1, 0);
  pb_test_wait_until (window_compares, fixture->window, "compared again");
  pb_test_spin (50);
  g_assert_true (pb_test_shows_text (window, "Only in Demo Production", TRUE));
  g_assert_cmpstr (count_shown (fixture, "only-in-source"), ==, "2");
  g_assert_cmpstr (count_shown (fixture, "only-in-target"), ==, "4");

  /* The same account twice compares nothing. */
  pb_compare_window_set_accounts (fixture->window, 0, 0);
  g_assert_cmpstr (pb_compare_window_get_view (fixture->window), ==, "same");
  g_assert_true (pb_test_shows_text (window, "Choose Two Different Accounts", TRUE));
}

static void
test_differences_shown (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  PbDiffView *diff_view;

  select_pair (fixture, PB_COMPARE_GROUP_DIFFERENT, LOYALTY);
  g_assert_true (pb_test_shows_text (window, "Copying replaces the version in Demo Production",
                                     FALSE));
  diff_view = PB_DIFF_VIEW (pb_test_find_widget (window, PB_TYPE_DIFF_VIEW, NULL, NULL));
  g_assert_nonnull (diff_view);
  g_assert_cmpuint (pb_diff_view_get_n_entries (diff_view), >, 0);
  /* Its URL changed: both values are on screen. */
  g_assert_true (pb_test_shows_text (window, "loyalty", FALSE));

  /* An OAuth connection: the secret is a choice to make before copying. */
  g_assert_true (pb_test_shows_text (window, "Keep the Client Secret of Demo Production", TRUE));
  g_assert_false (can_copy (fixture));

  /* Staging's "First web service" calls the staging tenant's own API: a warning. */
  select_pair (fixture, PB_COMPARE_GROUP_DIFFERENT, "First web service");
  g_assert_true (pb_test_shows_text (window, "Check Before Copying", TRUE));
  g_assert_true (pb_test_shows_text (window, "api-engage-eu.sitecorecloud.io", FALSE));

  /* The same connection in both: nothing differs, nothing to copy. */
  select_pair (fixture, PB_COMPARE_GROUP_IDENTICAL, "Weather Data System");
  g_assert_cmpuint (pb_diff_view_get_n_entries (diff_view), ==, 0);
  g_assert_false (pb_test_shows_text (window, "Check Before Copying", TRUE));
  g_assert_null (pb_test_find_button (window, "Copy to Demo Production"));
}

static void
test_copy_creates_in_target (Fixture       *fixture,
                             gconstpointer  data)
{
  PbDemoServer *server = production_server (fixture);
  GListModel *target = G_LIST_MODEL (pb_compare_window_get_store (fixture->window, TRUE));
  guint n_on_server = pb_demo_server_get_n_connections (server);
  guint n_in_list = g_list_model_get_n_items (target);
  PbConnection *created;

  g_assert_null (find_in_list (target, SHIPMENT));
  select_pair (fixture, PB_COMPARE_GROUP_ONLY_IN_SOURCE, SHIPMENT);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window),
                                     "Copying creates it in Demo Production", FALSE));
  g_assert_true (can_copy (fixture));

  copy_through_preview (fixture, SHIPMENT);

  /* The target's server and list have it, and the groups count it as the same. */
  g_assert_cmpuint (pb_demo_server_get_n_connections (server), ==, n_on_server + 1);
  g_assert_cmpuint (g_list_model_get_n_items (target), ==, n_in_list + 1);
  created = find_in_list (target, SHIPMENT);
  g_assert_nonnull (created);
  pb_test_wait_until (compare_idle, fixture->window, "grouped again");
  pb_test_spin (50);
  g_assert_cmpstr (count_shown (fixture, "only-in-source"), ==, "3");
  g_assert_cmpstr (count_shown (fixture, "identical"), ==, "16");
  /* It stays chosen, shown in the group it went to. */
  pb_test_wait_until (compare_idle, fixture->window, "grouped again");
  g_assert_cmpint (pb_compare_window_get_group (fixture->window), ==,
                   PB_COMPARE_GROUP_IDENTICAL);
  g_assert_nonnull (pb_compare_window_get_pair (fixture->window));
  g_assert_cmpstr (pb_compare_pair_get_name (pb_compare_window_get_pair (fixture->window)), ==,
                   SHIPMENT);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window), SHIPMENT, TRUE));
  g_assert_cmpint (pb_compare_pair_get_group (pb_compare_find (
                     pb_compare_window_get_compare (fixture->window), created)), ==,
                   PB_COMPARE_GROUP_IDENTICAL);
}

static void
test_copy_updates_keeping_secret (Fixture       *fixture,
                                  gconstpointer  data)
{
  PbDemoServer *server = production_server (fixture);
  guint n_on_server = pb_demo_server_get_n_connections (server);
  guint n_writes = pb_demo_server_get_n_writes (server);
  GtkWidget *check;

  select_pair (fixture, PB_COMPARE_GROUP_DIFFERENT, LOYALTY);
  g_assert_false (can_copy (fixture));

  /* Knowingly without the secret: the target keeps its own. */
  check = pb_test_find_by_type (GTK_WIDGET (fixture->window), GTK_TYPE_CHECK_BUTTON);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_assert_true (can_copy (fixture));

  copy_through_preview (fixture, LOYALTY);

  g_assert_cmpuint (pb_demo_server_get_n_writes (server), ==, n_writes + 1);
  g_assert_cmpuint (pb_demo_server_get_n_connections (server), ==, n_on_server);
  pb_test_wait_until (compare_idle, fixture->window, "grouped again");
  pb_test_spin (50);
  g_assert_cmpstr (count_shown (fixture, "different"), ==, "4");
  g_assert_cmpstr (count_shown (fixture, "identical"), ==, "16");
}

static gboolean
copy_said_refused (gpointer window)
{
  GtkWidget *label = pb_test_find_holding (GTK_WIDGET (window), "Nothing was copied: ");

  return label != NULL && gtk_widget_get_mapped (label);
}

/* A copy the target's server refuses: said as every failed write is, that nothing was copied
 * and why; the pair stays as it was, Copy offered again. */
static void
test_copy_refused (Fixture       *fixture,
                   gconstpointer  data)
{
  PbDemoServer *server = production_server (fixture);
  GtkWidget *check;

  select_pair (fixture, PB_COMPARE_GROUP_DIFFERENT, LOYALTY);
  check = pb_test_find_by_type (GTK_WIDGET (fixture->window), GTK_TYPE_CHECK_BUTTON);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  pb_demo_server_fail_next_write (server, PB_DEMO_WRITE_FAIL_STATUS, 503);

  copy_through_preview (fixture, LOYALTY);
  pb_test_wait_until (copy_said_refused, fixture->window, "the refusal to be said");
  pb_test_wait_until (compare_idle, fixture->window, "grouped again");
  g_assert_cmpstr (count_shown (fixture, "different"), ==, "5");
  g_assert_true (can_copy (fixture));
}

#define TRANSACTIONAL "Transactional Email"

/* Production's Transactional Email has a member staging's lacks ("notes"): a copy keeps it,
 * so it is said as kept, not removed; after a copy the pair is the same in both, and stays
 * chosen in its new group. */
static void
test_copy_keeps_members (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  PbDiffView *diff_view;
  PbComparePair *pair;

  select_pair (fixture, PB_COMPARE_GROUP_DIFFERENT, TRANSACTIONAL);
  diff_view = PB_DIFF_VIEW (pb_test_find_widget (window, PB_TYPE_DIFF_VIEW, NULL, NULL));
  g_assert_cmpuint (pb_diff_view_get_n_entries (diff_view), ==, 1);
  g_assert_true (pb_test_shows_text (window, "Kept in Demo Production", TRUE));
  g_assert_true (pb_test_shows_text (window, "notes (a field Plugboard does not know)", TRUE));
  g_assert_false (pb_test_shows_text (window, "Removed", TRUE));

  copy_through_preview (fixture, TRANSACTIONAL);
  pb_test_wait_until (compare_idle, fixture->window, "grouped again");
  pb_test_spin (50);
  pb_test_wait_until (compare_idle, fixture->window, "grouped again");
  g_assert_cmpstr (count_shown (fixture, "different"), ==, "4");
  g_assert_cmpstr (count_shown (fixture, "identical"), ==, "16");
  pair = pb_compare_window_get_pair (fixture->window);
  g_assert_nonnull (pair);
  g_assert_cmpstr (pb_compare_pair_get_name (pair), ==, TRANSACTIONAL);
  g_assert_cmpint (pb_compare_pair_get_group (pair), ==, PB_COMPARE_GROUP_IDENTICAL);
  g_assert_cmpint (pb_compare_window_get_group (fixture->window), ==,
                   PB_COMPARE_GROUP_IDENTICAL);
  g_assert_true (pb_test_shows_text (window, "Kept in Demo Production", TRUE));
  g_assert_true (pb_test_shows_text (window, "The same for copying: a copy would change "
                                     "nothing. Only Demo Production has the fields kept below.",
                                     TRUE));
}

/* A connection only the target has is shown as it is there, with the way to copy it the
 * other way: no field "Removed". */
static void
test_only_in_target (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);

  select_pair (fixture, PB_COMPARE_GROUP_ONLY_IN_TARGET, "FX Rates (ECB)");
  g_assert_true (pb_test_shows_text (window, "Only in Demo Production. To copy it to Demo "
                                     "Staging, swap the accounts.", TRUE));
  g_assert_false (pb_test_shows_text (window, "Removed", TRUE));
  g_assert_true (pb_test_shows_text (window, "As Demo Production has it", TRUE));
  g_assert_true (pb_test_shows_text (window, "https://fx.example.com/latest", TRUE));
}

static void
test_cancel_sends_nothing (Fixture       *fixture,
                           gconstpointer  data)
{
  PbDemoServer *server = production_server (fixture);
  guint n_writes = pb_demo_server_get_n_writes (server);
  GtkWidget *preview;

  select_pair (fixture, PB_COMPARE_GROUP_ONLY_IN_SOURCE, SHIPMENT);
  pb_test_click_label (GTK_WIDGET (fixture->window), "Copy to Demo Production");
  preview = pb_test_wait_for_toplevel (PB_TYPE_SAVE_PREVIEW);
  pb_test_click_label (preview, "_Cancel");
  pb_test_wait_for_no_toplevel (PB_TYPE_SAVE_PREVIEW);

  /* The flow ends after its preview closes: Copy is offered again then. */
  pb_test_wait_until (copy_offered, fixture, "Copy offered again");
  g_assert_cmpuint (pb_demo_server_get_n_writes (server), ==, n_writes);
  g_assert_cmpstr (count_shown (fixture, "only-in-source"), ==, "4");
}

/* What to check is said again in the copy's preview, before the user confirms; Copy greyed
 * says why next to it. */
static void
test_preview_warns (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *preview;

  select_pair (fixture, PB_COMPARE_GROUP_DIFFERENT, "First web service");
  g_assert_false (can_copy (fixture));
  g_assert_true (pb_test_shows_text (window, "To copy, type the client secret or choose to "
                                     "keep the one in Demo Production.", TRUE));
  gtk_editable_set_text (GTK_EDITABLE (pb_test_find_by_type (window,
                                                             ADW_TYPE_PASSWORD_ENTRY_ROW)),
                         SECRET);
  g_assert_true (can_copy (fixture));
  g_assert_false (pb_test_shows_text (window, "To copy, type the client secret", FALSE));

  pb_test_click_label (window, "Copy to Demo Production");
  preview = pb_test_wait_for_toplevel (PB_TYPE_SAVE_PREVIEW);
  g_assert_true (pb_test_shows_text (preview, "Check before copying:", FALSE));
  g_assert_true (pb_test_shows_text (preview, "This calls the source account’s own API at "
                                     "api-engage-eu.sitecorecloud.io", FALSE));
  pb_test_click_label (preview, "_Cancel");
  pb_test_wait_for_no_toplevel (PB_TYPE_SAVE_PREVIEW);
}

/* A client secret typed for an OAuth connection goes with the copy (the preview shows it
 * only when asked), and is forgotten when another connection is chosen. */
static void
test_typed_secret_sent (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *entry;
  GtkWidget *preview;

  select_pair (fixture, PB_COMPARE_GROUP_DIFFERENT, LOYALTY);
  entry = pb_test_find_by_type (GTK_WIDGET (fixture->window), ADW_TYPE_PASSWORD_ENTRY_ROW);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), SECRET);
  g_assert_true (can_copy (fixture));

  pb_test_click_label (GTK_WIDGET (fixture->window), "Copy to Demo Production");
  preview = pb_test_wait_for_toplevel (PB_TYPE_SAVE_PREVIEW);
  g_assert_false (pb_test_shows_text (preview, SECRET, FALSE));
  gtk_widget_activate_action (preview, "preview.reveal-secrets", NULL);
  g_assert_true (pb_test_shows_text (preview, SECRET, FALSE));
  pb_test_click_label (preview, "_Cancel");
  pb_test_wait_for_no_toplevel (PB_TYPE_SAVE_PREVIEW);
  pb_test_wait_until (copy_offered, fixture, "Copy offered again");

  select_pair (fixture, PB_COMPARE_GROUP_DIFFERENT, "First web service");
  select_pair (fixture, PB_COMPARE_GROUP_DIFFERENT, LOYALTY);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_false (can_copy (fixture));
}

/* The target's connection changed on its server after it was loaded: the copy stops on the
 * conflict, and Cancel there writes nothing. */
static void
test_copy_conflict (Fixture       *fixture,
                    gconstpointer  data)
{
  PbDemoServer *server = production_server (fixture);
  PbConnection *target;
  GtkWidget *preview;
  GtkWidget *guard;
  GtkWidget *conflict;
  guint n_writes;

  select_pair (fixture, PB_COMPARE_GROUP_DIFFERENT, "Stock Availability");
  target = pb_compare_pair_get_target (pb_compare_window_get_pair (fixture->window));
  g_assert_true (pb_demo_server_simulate_change (server, pb_connection_get_ref (target)));
  n_writes = pb_demo_server_get_n_writes (server);

  pb_test_click_label (GTK_WIDGET (fixture->window), "Copy to Demo Production");
  preview = pb_test_wait_for_toplevel (PB_TYPE_SAVE_PREVIEW);
  pb_test_click_label (preview, "_Copy");
  guard = pb_test_wait_for_question (preview);
  pb_test_guard_type (guard, "Stock Availability");
  pb_test_question_respond (guard, "confirm");

  conflict = pb_test_wait_for_toplevel (PB_TYPE_SAVE_CONFLICT);
  pb_test_click_label (conflict, "_Cancel");
  pb_test_wait_until (copy_offered, fixture, "Copy offered again");
  g_assert_cmpuint (pb_demo_server_get_n_writes (server), ==, n_writes);
  g_assert_cmpstr (count_shown (fixture, "different"), ==, "5");
}

static gboolean
window_failed (gpointer data)
{
  return g_strcmp0 (pb_compare_window_get_view (data), "error") == 0;
}

static void
test_load_error_retry (Fixture       *fixture,
                       gconstpointer  data)
{
  PbDemoServer *server = production_server (fixture);
  GtkWidget *window = GTK_WIDGET (fixture->window);

  /* The production account refuses the token: said, with Retry, and nothing compared. */
  pb_demo_server_fail_next (server, 403, NULL, 1);
  pb_compare_window_set_accounts (fixture->window, 0, 1);
  pb_test_wait_until (window_failed, fixture->window, "the error shown");
  g_assert_true (pb_test_shows_text (window, "Could Not Load “Demo Production”", TRUE));
  g_assert_null (pb_compare_window_get_compare (fixture->window));

  pb_test_click_label (window, "_Retry");
  pb_test_wait_until (window_compares, fixture->window, "compared after Retry");
  pb_test_spin (50);
  g_assert_cmpstr (count_shown (fixture, "different"), ==, "5");
}

static gboolean
main_window_has_push (gpointer data)
{
  PbWindow *window = data;

  return !pb_window_get_loading (window)
         && find_in_list (G_LIST_MODEL (pb_window_get_store (window)),
                          "Push Notification (new provider)") != NULL;
}

static void
test_copy_to_shown_account (Fixture       *fixture,
                            gconstpointer  data)
{
  PbWindow *main_window;
  GtkWidget *preview;

  /* The main window shows staging (the demo data). */
  main_window = PB_WINDOW (pb_window_new (fixture->app));
  gtk_window_present (GTK_WINDOW (main_window));
  pb_test_wait_until_idle (main_window, 50);
  g_assert_false (main_window_has_push (main_window));

  /* From production to staging: not a production tenant, so no guard. */
  pb_compare_window_set_accounts (fixture->window, 1, 0);
  pb_test_wait_until (window_compares, fixture->window, "compared the other way");
  select_pair (fixture, PB_COMPARE_GROUP_ONLY_IN_SOURCE, "Push Notification (new provider)");
  pb_test_click_label (GTK_WIDGET (fixture->window), "Copy to Demo Staging");
  preview = pb_test_wait_for_toplevel (PB_TYPE_SAVE_PREVIEW);
  pb_test_click_label (preview, "_Copy");
  pb_test_wait_for_no_toplevel (PB_TYPE_SAVE_PREVIEW);

  /* The main window loads its list again, and shows the copy. */
  pb_test_wait_until (main_window_has_push, main_window, "the copy in the main window");
  gtk_window_destroy (GTK_WINDOW (main_window));
}

static gboolean
leaflet_folded (gpointer data)
{
  return adw_leaflet_get_folded (data);
}

/* Narrow, one column at a time: the groups, the connections of the one chosen, the
 * connection chosen, and Back. */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  AdwLeaflet *leaflet = ADW_LEAFLET (pb_test_find_by_type (window, ADW_TYPE_LEAFLET));
  GtkListBox *groups = GTK_LIST_BOX (pb_test_find_accessible (window, GTK_TYPE_LIST_BOX,
                                                             "Groups"));
  GtkListBoxRow *row;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 420, 700);
  pb_test_wait_until (leaflet_folded, leaflet, "the columns folded");
  pb_test_wait_for_leaflet (leaflet);
  g_assert_true (pb_test_shows_text (window, "Identical", TRUE));
  g_assert_null (pb_test_find_by_tooltip (window, GTK_TYPE_BUTTON, "Back"));

  /* A click on a group: its connections. */
  row = gtk_list_box_get_row_at_index (groups, PB_COMPARE_GROUP_DIFFERENT);
  gtk_list_box_select_row (groups, row);
  g_signal_emit_by_name (groups, "row-activated", row);
  pb_test_wait_for_leaflet (leaflet);
  /* The groups' column is out of sight (its scrolled window is no longer the leaflet's child). */
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (groups)));
  pb_test_spin (100);
  g_assert_true (pb_test_shows_text (window, LOYALTY, TRUE));
  g_assert_false (pb_test_shows_text (window, "Identical", TRUE));

  /* A connection: what differs, with Back to the list. */
  g_assert_true (pb_compare_window_select_pair (fixture->window, LOYALTY));
  pb_test_wait_for_leaflet (leaflet);
  pb_test_spin (100);
  g_assert_true (pb_test_shows_text (window, "Copying replaces the version in Demo Production",
                                     FALSE));
  g_assert_false (pb_test_shows_text (window, "Stock Availability", TRUE));
  pb_test_click (pb_test_find_by_tooltip (window, GTK_TYPE_BUTTON, "Back"));
  pb_test_wait_for_leaflet (leaflet);
  pb_test_spin (100);
  g_assert_true (pb_test_shows_text (window, "Stock Availability", TRUE));
}

/* {{{ Saved accounts */

static void
remove_all_accounts (void)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (load_store (store, &error));
  g_assert_no_error (error);
  while (g_list_model_get_n_items (G_LIST_MODEL (store)) > 0)
    {
      g_autoptr(PbAccount) account = g_list_model_get_item (G_LIST_MODEL (store), 0);

      g_assert_true (remove_account (store, account, &error));
      g_assert_no_error (error);
    }
}

static void
add_account (PbDemoServer *server,
             const char   *name,
             gboolean      production)
{
  g_autoptr(PbAccountStore) store = pb_account_store_new (NULL);
  g_autoptr(PbAccount) account = pb_account_new ();
  g_autoptr(GError) error = NULL;

  pb_account_set_name (account, name);
  pb_account_set_base_url (account, pb_demo_server_get_base_url (server));
  pb_account_set_sign_in (account, PB_SIGN_IN_ACCESS_TOKEN);
  pb_account_set_secret (account, pb_demo_server_get_token (server));
  pb_account_set_production (account, production);
  g_assert_nonnull (save_account (store, account, &error));
  g_assert_no_error (error);
}

static gboolean
accounts_loaded (gpointer data)
{
  return !pb_application_get_accounts_loading (data);
}

/* Outside demo mode the pickers offer the saved accounts, each read with its own client and
 * token, whichever of them the main window shows. */
static void
test_saved_accounts (void)
{
  g_autoptr(PbDemoServer) staging = pb_demo_server_new ();
  g_autoptr(PbDemoServer) production = pb_demo_server_new ();
  g_autoptr(GError) error = NULL;
  PbApplication *app;
  PbCompareWindow *window;

  g_assert_true (pb_demo_server_start (staging, 0, &error));
  pb_demo_server_load_data_set (production, PB_DEMO_DATA_SET_PRODUCTION);
  g_assert_true (pb_demo_server_start (production, 0, &error));
  g_assert_no_error (error);
  remove_all_accounts ();
  /* The first by name is the active one, copied to the production tenant. */
  add_account (staging, "A Staging", FALSE);
  add_account (production, "B Production", TRUE);

  app = pb_application_new ();
  g_application_set_application_id (G_APPLICATION (app), APP_ID ".CompareAccountsTest");
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  /* Opened while the accounts are still read from the keyring: it waits for them. */
  g_assert_true (pb_application_get_accounts_loading (app));
  window = PB_COMPARE_WINDOW (pb_compare_window_new (app));
  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (pb_compare_window_get_view (window), ==, "loading");
  pb_test_wait_until (accounts_loaded, app, "the accounts read");
  pb_test_wait_until (window_compares, window, "both accounts compared");
  pb_test_spin (50);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (window), "Only in A Staging", TRUE));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (window), "Only in B Production", TRUE));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (pb_test_find_by_name (
                     GTK_WIDGET (window), "count-only-in-source"))), ==, "4");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (pb_test_find_by_name (
                     GTK_WIDGET (window), "count-different"))), ==, "5");

  gtk_window_destroy (GTK_WINDOW (window));
  pb_test_assert_finalized (window);
  g_application_quit (G_APPLICATION (app));
  g_object_unref (app);
  remove_all_accounts ();
  pb_demo_server_stop (staging);
  pb_demo_server_stop (production);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  fixture_add ("/compare-window/groups-counted", test_groups_counted);
  fixture_add ("/compare-window/differences-shown", test_differences_shown);
  fixture_add ("/compare-window/copy-creates-in-target", test_copy_creates_in_target);
  fixture_add ("/compare-window/copy-updates-keeping-secret", test_copy_updates_keeping_secret);
  fixture_add ("/compare-window/copy-keeps-members", test_copy_keeps_members);
  fixture_add ("/compare-window/copy-refused", test_copy_refused);
  fixture_add ("/compare-window/only-in-target", test_only_in_target);
  fixture_add ("/compare-window/cancel-sends-nothing", test_cancel_sends_nothing);
  fixture_add ("/compare-window/preview-warns", test_preview_warns);
  fixture_add ("/compare-window/typed-secret-sent", test_typed_secret_sent);
  fixture_add ("/compare-window/copy-conflict", test_copy_conflict);
  fixture_add ("/compare-window/load-error-retry", test_load_error_retry);
  fixture_add ("/compare-window/copy-to-shown-account", test_copy_to_shown_account);
  fixture_add ("/compare-window/narrow", test_narrow);
  g_test_add_func ("/compare-window/saved-accounts", test_saved_accounts);

  return g_test_run ();
}
