/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Compare Accounts… in demo mode, beyond one copy (test-compare-window.c): the history a copy
 * into Demo Production leaves (its own, "demo-production"), pairing by hand a connection
 * renamed in the target and unpairing it, copying several at once, and a
 * file exported by Plugboard as the source. Runs under Xvfb in a D-Bus session with an unlocked
 * keyring (build-aux/test-session.sh): History keeps its key there. */
#define G_LOG_DOMAIN "test-compare-window"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "pb-diff-view.h"
#include "pb-export.h"
#include "pb-history.h"
#include "pb-secret.h"
#include "pb-history-dialog.h"
#include "pb-save-flow.h"
#include "pb-save-preview.h"
#include "pb-test-compare.h"
#include "pb-test-ui.h"
#include "pb-test-write.h"
#include "test-compare-window-fixture.h"

#define LOYALTY "Loyalty Points Balance"
#define CURRENCY "Currency Exchange Rates"
#define FX "FX Rates (ECB)"

/* {{{ History */

static gboolean
history_read (gpointer data)
{
  return pb_history_dialog_get_entries (data) != NULL && !pb_history_dialog_get_busy (data);
}

/* A copy onto the production connection keeps the version it replaced in Demo Production's
 * history, which History in Demo Production shows. */
static void
test_copy_keeps_history (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  PbConnectionStore *target = pb_compare_window_get_store (fixture->window, TRUE);
  g_autoptr(PbHistoryEntry) entry = NULL;
  GtkWidget *check;
  GtkWidget *preview;
  GtkWidget *guard;
  GtkWidget *dialog;
  GListModel *entries;

  g_assert_cmpstr (pb_connection_store_get_cache_id (target), ==, "demo-production");
  g_assert_cmpstr (pb_connection_store_get_cache_id (
                     pb_compare_window_get_store (fixture->window, FALSE)), ==, "demo");

  select_pair (fixture, PB_COMPARE_GROUP_DIFFERENT, LOYALTY);
  check = pb_test_find_by_type (window, GTK_TYPE_CHECK_BUTTON);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  pb_test_click_label (window, "Copy to Demo Production");
  preview = pb_test_wait_for_toplevel (PB_TYPE_SAVE_PREVIEW);
  pb_test_click_label (preview, "_Copy");
  guard = pb_test_wait_for_question (preview);
  pb_test_guard_type (guard, LOYALTY);
  pb_test_question_respond (guard, "confirm");
  pb_test_wait_for_no_toplevel (PB_TYPE_SAVE_PREVIEW);
  pb_test_wait_until (compare_idle, fixture->window, "grouped again");
  pb_test_spin (50);

  /* Now the same in both; its menu offers the target's History. */
  select_pair (fixture, PB_COMPARE_GROUP_IDENTICAL, LOYALTY);
  g_assert_true (gtk_widget_is_visible (pb_test_find_by_tooltip (window, GTK_TYPE_MENU_BUTTON,
                                                                 "More")));
  gtk_widget_activate_action (window, "compare.history", NULL);
  dialog = pb_test_wait_for_toplevel (PB_TYPE_HISTORY_DIALOG);
  pb_test_wait_until (history_read, dialog, "the history read");
  entries = pb_history_dialog_get_entries (PB_HISTORY_DIALOG (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 1);
  entry = g_list_model_get_item (entries, 0);
  g_assert_cmpint (pb_history_entry_get_reason (entry), ==, PB_HISTORY_PROMOTE);
  g_assert_cmpstr (pb_history_entry_get_name (entry), ==, LOYALTY);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* }}} */
/* {{{ Pairing by hand */

static gboolean
shows_group (gpointer data)
{
  Fixture *fixture = data;
  PbComparePair *pair = pb_compare_window_get_pair (fixture->window);

  return compare_idle (fixture->window) && pair != NULL
         && pb_compare_pair_get_group (pair) == pb_compare_window_get_group (fixture->window);
}

/* "Currency Exchange Rates" is "FX Rates (ECB)" in production: paired by hand it is a pair
 * that differs (by its name too), shown in Different; unpaired, two singles again. */
static void
test_pair_by_hand (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GListModel *target = G_LIST_MODEL (pb_compare_window_get_store (fixture->window, TRUE));
  PbConnection *fx = find_in_list (target, FX);
  PbComparePair *pair;

  g_assert_nonnull (fx);
  select_pair (fixture, PB_COMPARE_GROUP_ONLY_IN_SOURCE, CURRENCY);
  g_assert_true (gtk_widget_is_visible (pb_test_find_by_tooltip (window, GTK_TYPE_MENU_BUTTON,
                                                                 "More")));
  /* Not with a connection the target lacks. */
  g_assert_false (pb_compare_window_pair_with (fixture->window, "no-such-ref"));

  gtk_widget_activate_action (window, "compare.pair-with", "s", pb_connection_get_ref (fx));
  pb_test_wait_until (shows_group, fixture, "the pair shown in its group");
  pb_test_spin (50);
  pair = pb_compare_window_get_pair (fixture->window);
  g_assert_cmpint (pb_compare_window_get_group (fixture->window), ==,
                   PB_COMPARE_GROUP_DIFFERENT);
  g_assert_true (pb_compare_pair_get_target (pair) == fx);
  g_assert_true (pb_compare_pair_get_by_hand (pair));
  g_assert_cmpstr (count_shown (fixture, "only-in-source"), ==, "3");
  g_assert_cmpstr (count_shown (fixture, "only-in-target"), ==, "1");
  g_assert_cmpstr (count_shown (fixture, "different"), ==, "6");
  /* The list says what it is called in the target. */
  g_assert_true (pb_test_shows_text (window, "Named “" FX "” in Demo Production", TRUE));

  gtk_widget_activate_action (window, "compare.unpair", NULL);
  pb_test_wait_until (shows_group, fixture, "the single shown in its group");
  pb_test_spin (50);
  g_assert_cmpint (pb_compare_window_get_group (fixture->window), ==,
                   PB_COMPARE_GROUP_ONLY_IN_SOURCE);
  g_assert_cmpstr (pb_compare_pair_get_name (pb_compare_window_get_pair (fixture->window)), ==,
                   CURRENCY);
  g_assert_cmpstr (count_shown (fixture, "only-in-source"), ==, "4");
  g_assert_cmpstr (count_shown (fixture, "only-in-target"), ==, "2");
  g_assert_cmpstr (count_shown (fixture, "different"), ==, "5");
}

/* }}} */
/* {{{ Copy N */

#define SHIPMENT "Shipment Tracking"
#define STOCK "Stock Availability"
#define STORE "Store Locator"

/* Three chosen, the middle one refused by the server: one preview and one guard for the
 * three, the two others written, the failure said and the connection still chosen. */
static void
test_batch_with_failure (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  PbCompare *compare = pb_compare_window_get_compare (fixture->window);
  PbDemoServer *server = production_server (fixture);
  GListModel *target = G_LIST_MODEL (pb_compare_window_get_store (fixture->window, TRUE));
  guint n_writes = pb_demo_server_get_n_writes (server);
  PbComparePair *stock = pb_test_compare_get (compare, STOCK);
  const char * const *results;
  GtkWidget *preview;
  GtkWidget *guard;
  GtkWidget *report;

  g_assert_null (pb_test_find_button (window, "Copy 3"));
  pb_compare_window_set_checked (fixture->window, pb_test_compare_get (compare, SHIPMENT), TRUE);
  pb_compare_window_set_checked (fixture->window, stock, TRUE);
  pb_compare_window_set_checked (fixture->window, pb_test_compare_get (compare, STORE), TRUE);
  /* Nothing to copy in one that is the same in both. */
  pb_compare_window_set_checked (fixture->window,
                                 pb_test_compare_get (compare, "Weather Data System"), TRUE);
  /* Nor in an OAuth one: its client secret is typed or kept on its own. Chosen, it is not
   * counted, and said. */
  pb_compare_window_set_checked (fixture->window, pb_test_compare_get (compare, LOYALTY), TRUE);
  g_assert_cmpuint (pb_compare_window_get_n_checked (fixture->window), ==, 3);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (pb_test_find_button (window, "Copy 3")), ==,
                   "Copy 3 connections to Demo Production");
  pb_demo_server_fail_write_to (server, pb_connection_get_ref (pb_compare_pair_get_target (stock)),
                                422);

  pb_test_click_label (window, "Copy 3");
  preview = pb_test_wait_for_toplevel (PB_TYPE_SAVE_BATCH_PREVIEW);
  /* Each with what it changes. */
  g_assert_true (pb_test_shows_text (preview, SHIPMENT, TRUE));
  g_assert_true (pb_test_shows_text (preview, STOCK, TRUE));
  g_assert_true (pb_test_shows_text (preview, STORE, TRUE));
  g_assert_true (pb_test_shows_text (preview, "Created in Demo Production", TRUE));
  g_assert_true (pb_test_shows_text (preview, "Replaces the version in Demo Production", TRUE));
  g_assert_nonnull (pb_test_find_widget (preview, PB_TYPE_DIFF_VIEW, NULL, NULL));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (preview)), ==, "Copy 3 Connections?");
  g_assert_true (pb_test_shows_text (preview, "“" LOYALTY "” not copied: its client secret "
                                     "must be typed or kept. Copy it on its own.", TRUE));
  pb_test_click_label (preview, "_Copy");

  /* Asked once, naming every connection. */
  guard = pb_test_wait_for_question (preview);
  g_assert_true (pb_test_shows_text (guard, "• " STOCK, FALSE));
  g_assert_true (pb_test_shows_text (guard, "• " STORE, FALSE));
  pb_test_guard_type (guard, STOCK);
  g_assert_false (pb_test_guard_can_confirm (guard));
  pb_test_guard_type (guard, "Demo Production");
  pb_test_question_respond (guard, "confirm");
  pb_test_wait_for_no_toplevel (PB_TYPE_SAVE_BATCH_PREVIEW);

  /* Then each written without asking again: the next question is the report. */
  report = pb_test_wait_for_question (window);
  g_assert_cmpstr (pb_test_alert_get_heading (report), ==, "Copied 2 of 4");
  results = pb_compare_window_get_batch_results (fixture->window);
  g_assert_nonnull (results);
  g_assert_cmpuint (g_strv_length ((char **) results), ==, 4);
  g_assert_cmpstr (results[0], ==, "“" LOYALTY "” not copied: its client secret must be typed "
                   "or kept. Copy it on its own.");
  g_assert_cmpstr (results[1], ==, "“" SHIPMENT "” copied.");
  g_assert_true (g_str_has_prefix (results[2], "“" STOCK "” not copied: "));
  g_assert_cmpstr (results[3], ==, "“" STORE "” copied.");
  pb_test_question_respond (report, "cancel");

  g_assert_cmpuint (pb_demo_server_get_n_writes (server), ==, n_writes + 3);
  g_assert_nonnull (find_in_list (target, SHIPMENT));
  g_assert_nonnull (find_in_list (target, STORE));
  pb_test_wait_until (compare_idle, fixture->window, "grouped again");
  pb_test_spin (50);
  /* Shipment Tracking was only in staging, Store Locator differed (by the case of its name):
   * both the same now; Stock Availability still differs. */
  g_assert_cmpstr (count_shown (fixture, "only-in-source"), ==, "3");
  g_assert_cmpstr (count_shown (fixture, "different"), ==, "4");
  g_assert_cmpstr (count_shown (fixture, "identical"), ==, "17");
  /* The one that failed stays chosen, to try again. */
  g_assert_cmpuint (pb_compare_window_get_n_checked (fixture->window), ==, 1);
  g_assert_nonnull (pb_test_find_button (window, "Copy 1"));
}

static gboolean
batch_offered (gpointer data)
{
  GtkWidget *button = pb_test_find_button (data, "Copy 2");

  return button != NULL && gtk_widget_is_sensitive (button);
}

/* Cancel in the batch's preview sends nothing, and what was chosen stays chosen. */
static void
test_batch_cancel (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  PbCompare *compare = pb_compare_window_get_compare (fixture->window);
  PbDemoServer *server = production_server (fixture);
  guint n_writes = pb_demo_server_get_n_writes (server);
  GtkWidget *preview;

  pb_compare_window_set_checked (fixture->window, pb_test_compare_get (compare, SHIPMENT), TRUE);
  pb_compare_window_set_checked (fixture->window, pb_test_compare_get (compare, STOCK), TRUE);
  pb_test_click_label (window, "Copy 2");
  preview = pb_test_wait_for_toplevel (PB_TYPE_SAVE_BATCH_PREVIEW);
  pb_test_click_label (preview, "_Cancel");
  pb_test_wait_for_no_toplevel (PB_TYPE_SAVE_BATCH_PREVIEW);
  pb_test_wait_until (batch_offered, window, "Copy 2 offered again");
  g_assert_cmpuint (pb_demo_server_get_n_writes (server), ==, n_writes);
  g_assert_null (pb_compare_window_get_batch_results (fixture->window));

  /* Unchosen in the list, it leaves the batch. */
  pb_compare_window_set_checked (fixture->window, pb_test_compare_get (compare, STOCK), FALSE);
  g_assert_nonnull (pb_test_find_button (window, "Copy 1"));

  /* Only an OAuth one chosen: nothing a batch copies, and the button says why. */
  pb_compare_window_set_checked (fixture->window, pb_test_compare_get (compare, SHIPMENT), FALSE);
  pb_compare_window_set_checked (fixture->window, pb_test_compare_get (compare, LOYALTY), TRUE);
  g_assert_cmpuint (pb_compare_window_get_n_checked (fixture->window), ==, 0);
  g_assert_false (gtk_widget_is_sensitive (pb_test_find_button (window, "Copy 0")));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (pb_test_find_button (window, "Copy 0")), ==,
                   "The connections chosen need their client secret: copy each on its own");
}

/* The batch's preview shows for a connection what the preview of one copy shows: the same
 * differences (the body sent against the version on the server, masked alike), and Show
 * Secrets. */
static void
test_batch_preview_as_single (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  PbCompare *compare = pb_compare_window_get_compare (fixture->window);
  GtkWidget *preview;
  GtkWidget *secrets;
  GtkWidget *guard;
  guint n_single;

  select_pair (fixture, PB_COMPARE_GROUP_DIFFERENT, "Transactional Email");
  pb_test_click_label (window, "Copy to Demo Production");
  preview = pb_test_wait_for_toplevel (PB_TYPE_SAVE_PREVIEW);
  n_single = pb_save_preview_get_n_changes (PB_SAVE_PREVIEW (preview));
  /* It names where the copy comes from. */
  g_assert_true (pb_test_shows_text (preview, "The connection as Demo Staging has it, copied "
                                     "to Demo Production.", FALSE));
  g_assert_cmpuint (n_single, ==, 1);
  pb_test_click_label (preview, "_Cancel");
  pb_test_wait_for_no_toplevel (PB_TYPE_SAVE_PREVIEW);
  pb_test_wait_until (compare_idle, fixture->window, "idle");
  pb_test_spin (50);

  pb_compare_window_set_checked (fixture->window,
                                 pb_test_compare_get (compare, "Transactional Email"), TRUE);
  pb_test_click_label (window, "Copy 1");
  preview = pb_test_wait_for_toplevel (PB_TYPE_SAVE_BATCH_PREVIEW);
  g_assert_cmpuint (pb_diff_view_get_n_entries (PB_DIFF_VIEW (pb_test_find_widget (
                      preview, PB_TYPE_DIFF_VIEW, NULL, NULL))), ==, n_single);
  secrets = pb_test_find_by_type (preview, GTK_TYPE_SWITCH);
  g_assert_nonnull (secrets);
  g_assert_true (gtk_widget_is_visible (secrets));
  gtk_switch_set_active (GTK_SWITCH (secrets), TRUE);
  g_assert_cmpuint (pb_diff_view_get_n_entries (PB_DIFF_VIEW (pb_test_find_widget (
                      preview, PB_TYPE_DIFF_VIEW, NULL, NULL))), ==, n_single);

  /* A batch of one is guarded as one copy: by the connection's name. */
  pb_test_click_label (preview, "_Copy");
  guard = pb_test_wait_for_question (preview);
  g_assert_true (pb_test_shows_text (guard, "Type the connection’s name, “Transactional "
                                     "Email”, to confirm.", FALSE));
  pb_test_guard_type (guard, "Demo Production");
  g_assert_false (pb_test_guard_can_confirm (guard));
  pb_test_guard_type (guard, "Transactional Email");
  g_assert_true (pb_test_guard_can_confirm (guard));
  pb_test_question_respond (guard, "cancel");
  pb_test_spin (50);
  pb_test_click_label (preview, "_Cancel");
  pb_test_wait_for_no_toplevel (PB_TYPE_SAVE_BATCH_PREVIEW);
}

/* }}} */
/* {{{ Import */

static gboolean
imported (gpointer data)
{
  return !pb_compare_window_get_importing (data) && window_compares (data);
}

/* A file of the test's: `names` (NULL-terminated) of Demo Staging exported, with or without
 * secrets. Free with g_free() after removing it. */
static char *
write_export (Fixture           *fixture,
              gboolean           include_secrets,
              const char * const *names)
{
  GListModel *source = G_LIST_MODEL (pb_compare_window_get_store (fixture->window, FALSE));
  g_autoptr(GPtrArray) connections = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  char *path = NULL;
  int fd;

  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (connections, g_object_ref (find_in_list (source, names[i])));
  text = pb_export_connections (connections, include_secrets, &error);
  g_assert_no_error (error);
  fd = g_file_open_tmp ("compare-import-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  return path;
}

static gboolean
says_not_imported (gpointer data)
{
  return pb_test_shows_text (data, "“meson.build” could not be imported", FALSE);
}

/* A file exported by Plugboard as the source: compared with Demo Production, offered as a
 * source only, and copied from as from an account. */
static void
test_import_file (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char * const names[] = { SHIPMENT, STOCK, NULL };
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autofree char *path = write_export (fixture, TRUE, names);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *basename = g_file_get_basename (file);
  g_autoptr(GFile) bad = NULL;
  GListModel *target;
  GtkDropDown *source_picker;
  GtkDropDown *target_picker;
  GtkWidget *preview;
  GtkWidget *guard;

  pb_compare_window_import_file (fixture->window, file);
  g_assert_true (pb_compare_window_get_importing (fixture->window));
  pb_test_wait_until (imported, fixture->window, "the file compared");
  pb_test_spin (50);
  g_assert_null (pb_compare_window_get_store (fixture->window, FALSE));
  target = G_LIST_MODEL (pb_compare_window_get_store (fixture->window, TRUE));
  g_assert_cmpstr (count_shown (fixture, "only-in-source"), ==, "1");
  g_assert_cmpstr (count_shown (fixture, "different"), ==, "1");
  g_assert_true (pb_test_shows_text (window, basename, TRUE));

  /* The file is a source, never a target. */
  source_picker = GTK_DROP_DOWN (pb_test_find_accessible (window, GTK_TYPE_DROP_DOWN,
                                                          "Copy From"));
  target_picker = GTK_DROP_DOWN (pb_test_find_accessible (window, GTK_TYPE_DROP_DOWN,
                                                          "Copy To"));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (source_picker)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (target_picker)), ==, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (source_picker), ==, 2);

  select_pair (fixture, PB_COMPARE_GROUP_ONLY_IN_SOURCE, SHIPMENT);
  pb_test_click_label (window, "Copy to Demo Production");
  preview = pb_test_wait_for_toplevel (PB_TYPE_SAVE_PREVIEW);
  pb_test_click_label (preview, "_Copy");
  guard = pb_test_wait_for_question (preview);
  pb_test_guard_type (guard, SHIPMENT);
  pb_test_question_respond (guard, "confirm");
  pb_test_wait_for_no_toplevel (PB_TYPE_SAVE_PREVIEW);
  g_assert_nonnull (find_in_list (target, SHIPMENT));
  pb_test_wait_until (compare_idle, fixture->window, "grouped again");
  pb_test_spin (50);
  g_assert_cmpstr (count_shown (fixture, "only-in-source"), ==, "0");

  /* Not an export: said, and the file compared stays. */
  bad = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "meson.build", NULL));
  pb_compare_window_import_file (fixture->window, bad);
  pb_test_wait_until (imported, fixture->window, "the second file read");
  pb_test_spin (50);
  pb_test_wait_until (says_not_imported, window, "the toast");
  g_assert_cmpuint (gtk_drop_down_get_selected (source_picker), ==, 2);
  g_assert_cmpstr (count_shown (fixture, "different"), ==, "1");

  g_assert_cmpint (g_remove (path), ==, 0);
}

/* An export without secrets holds masks: a copy from it stops, and says why. */
static void
test_import_masked (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  PbDemoServer *server = production_server (fixture);
  guint n_writes = pb_demo_server_get_n_writes (server);
  int fd;

  fd = g_file_open_tmp ("compare-masked-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path,
                                      "{\"name\": \"Masked Feed\", \"systemType\": \"DATA_SYSTEM\","
                                      " \"auth\": {\"authType\": \"NONE\"}, \"request\":"
                                      " {\"requestType\": \"GET\", \"connectionUrl\":"
                                      " \"https://feed.example.org/items\"}, \"customHeaders\":"
                                      " [{\"name\": \"Authorization\", \"value\": \"Bearer "
                                      PB_SECRET_MASK "\"}]}", -1, &error));
  g_assert_no_error (error);
  file = g_file_new_for_path (path);

  pb_compare_window_import_file (fixture->window, file);
  pb_test_wait_until (imported, fixture->window, "the file compared");
  pb_test_spin (50);
  select_pair (fixture, PB_COMPARE_GROUP_ONLY_IN_SOURCE, "Masked Feed");
  g_assert_true (pb_test_shows_text (window, "Check Before Copying", TRUE));
  pb_test_click_label (window, "Copy to Demo Production");
  pb_test_spin (50);
  g_assert_null (pb_test_find_toplevel (PB_TYPE_SAVE_PREVIEW));
  g_assert_true (pb_test_shows_text (window, "copying would write the masks", FALSE));
  g_assert_cmpuint (pb_demo_server_get_n_writes (server), ==, n_writes);

  g_assert_cmpint (g_remove (path), ==, 0);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  fixture_add ("/compare-window/copy-keeps-history", test_copy_keeps_history);
  fixture_add ("/compare-window/pair-by-hand", test_pair_by_hand);
  fixture_add ("/compare-window/batch-with-failure", test_batch_with_failure);
  fixture_add ("/compare-window/batch-cancel", test_batch_cancel);
  fixture_add ("/compare-window/batch-preview-as-single", test_batch_preview_as_single);
  fixture_add ("/compare-window/import-file", test_import_file);
  fixture_add ("/compare-window/import-masked", test_import_masked);

  return g_test_run ();
}
