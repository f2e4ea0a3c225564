/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Compare Accounts… in demo mode, beyond one copy (test-compare-window.c): the history a copy
 * into Demo Production leaves (its own, "demo-production"), pairing by hand a connection
 * renamed in the target and unpairing it. Runs under Xvfb in a D-Bus session with an unlocked
 * keyring (build-aux/test-session.sh): History keeps its key there. */
#define G_LOG_DOMAIN "test-compare-window"

#include "config.h"

#include <adwaita.h>

#include "pb-history.h"
#include "pb-history-dialog.h"
#include "pb-save-preview.h"
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

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  fixture_add ("/compare-window/copy-keeps-history", test_copy_keeps_history);
  fixture_add ("/compare-window/pair-by-hand", test_pair_by_hand);

  return g_test_run ();
}
