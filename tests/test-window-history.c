/* SPDX-License-Identifier: GPL-3.0-or-later */
/* History of the selected connection: empty at first, the replaced version after a save with
 * what changed after it, Restore through the same preview (the revision rises again), and a
 * history that cannot be read, with Retry. */
#define G_LOG_DOMAIN "test-window-history"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "pb-connection-draft.h"
#include "pb-history.h"
#include "pb-history-dialog.h"
#include "pb-save-preview.h"
#include "pb-test-write.h"
#include "test-window-fixture.h"

#define WEATHER "Weather Data System"
#define NEW_URL "https://weather.example.org/v2/now?city=${city}"

static gboolean
dialog_idle (gpointer data)
{
  return !pb_history_dialog_get_busy (data);
}

static PbHistoryDialog *
open_history (Fixture *fixture)
{
  PbHistoryDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.history", NULL);
  dialog = pb_test_wait_for_toplevel (PB_TYPE_HISTORY_DIALOG);
  pb_test_wait_until (dialog_idle, dialog, "the history to be read");
  pb_test_spin (50);

  return dialog;
}

static void
close_history (PbHistoryDialog *dialog)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  pb_test_wait_for_no_toplevel (PB_TYPE_HISTORY_DIALOG);
}

/* Saves the new URL of the selected connection (through the preview). */
static void
save_new_url (Fixture      *fixture,
              PbConnection *connection)
{
  g_autoptr(PbConnectionDraft) draft = pb_connection_draft_new_for_connection (connection);
  g_autoptr(PbConnection) saved = NULL;
  g_autoptr(GError) error = NULL;

  pb_connection_draft_set_text (draft, PB_DRAFT_CONNECTION_URL, NEW_URL);
  saved = pb_test_run_flow (fixture->window, draft, PB_SAVE_EDIT, "_Save", &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  pb_test_wait_for_no_toplevel (PB_TYPE_SAVE_PREVIEW);
}

static void
test_history_empty (Fixture       *fixture,
                    gconstpointer  data)
{
  PbHistoryDialog *dialog;

  pb_test_window_select (fixture->window, fixture->client, WEATHER);
  dialog = open_history (fixture);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (dialog), "No Earlier Versions", TRUE));
  g_assert_cmpuint (g_list_model_get_n_items (pb_history_dialog_get_entries (dialog)), ==, 0);
  close_history (dialog);
}

/* A save keeps the version it replaced; Restore writes it back through the preview. */
static void
test_history_restore (Fixture       *fixture,
                      gconstpointer  data)
{
  PbConnection *weather = pb_test_window_select (fixture->window, fixture->client, WEATHER);
  g_autofree char *old_url = g_strdup (pb_connection_get_connection_url (weather));
  g_autofree char *ref = g_strdup (pb_connection_get_ref (weather));
  PbHistoryDialog *dialog;
  PbSavePreview *preview;
  PbConnection *listed;

  save_new_url (fixture, weather);
  pb_window_set_subtitle (fixture->window, "Demo Data");

  dialog = open_history (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (pb_history_dialog_get_entries (dialog)), ==, 1);
  /* Which revision; when it was replaced, and by what (not when it was made); and what
   * changed after it: the URL. */
  g_assert_true (pb_test_shows_text (GTK_WIDGET (dialog), "Revision 4", TRUE));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (dialog), "Replaced on ", FALSE));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (dialog), " · Edited", FALSE));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (dialog), old_url, TRUE));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (dialog), NEW_URL, TRUE));

  pb_test_click_label (GTK_WIDGET (dialog), "Re_store This Version");
  preview = pb_test_wait_for_toplevel (PB_TYPE_SAVE_PREVIEW);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (preview), "Restore “Weather Data System”?",
                                     TRUE));
  g_assert_cmpuint (pb_save_preview_get_n_changes (preview), ==, 1);
  /* The account named as a save names it, not the server's address. */
  g_assert_true (pb_test_shows_text (GTK_WIDGET (preview), "Demo Data", FALSE));
  g_assert_false (pb_test_shows_text (GTK_WIDGET (preview), "127.0.0.1", FALSE));
  /* Undoable, kept in History: the suggested way on, not a destructive one. */
  {
    GtkWidget *restore = pb_test_find_button (GTK_WIDGET (preview), "_Restore");

    g_assert_true (gtk_widget_has_css_class (restore, "suggested-action"));
    g_assert_false (gtk_widget_has_css_class (restore, "destructive-action"));
  }
  pb_test_click_label (GTK_WIDGET (preview), "_Restore");
  pb_test_wait_for_no_toplevel (PB_TYPE_HISTORY_DIALOG);
  pb_test_wait_until_idle (fixture->window, 100);

  /* Back as it was, as a new revision. */
  listed = pb_test_window_find (fixture->window, ref);
  g_assert_cmpstr (pb_connection_get_connection_url (listed), ==, old_url);
  g_assert_cmpint (pb_connection_get_revision (listed), ==, 6);
  pb_test_wait_for_label (GTK_WIDGET (fixture->window), "“Weather Data System” restored");

  /* The restore kept what it replaced too. */
  dialog = open_history (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (pb_history_dialog_get_entries (dialog)), ==, 2);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (dialog), "Revision 5", TRUE));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (dialog), " · Restored", FALSE));
  close_history (dialog);
}

/* The server went away before Restore: the dialog says nothing was restored and to try again,
 * and stays open with the version. */
static void
test_history_unreachable (Fixture       *fixture,
                          gconstpointer  data)
{
  PbConnection *weather = pb_test_window_select (fixture->window, fixture->client, WEATHER);
  PbHistoryDialog *dialog;
  PbSavePreview *preview;

  save_new_url (fixture, weather);
  dialog = open_history (fixture);
  pb_test_click_label (GTK_WIDGET (dialog), "Re_store This Version");
  preview = pb_test_wait_for_toplevel (PB_TYPE_SAVE_PREVIEW);
  pb_demo_server_stop (fixture->server);
  pb_test_click_label (GTK_WIDGET (preview), "_Restore");
  pb_test_wait_for_label (GTK_WIDGET (dialog),
                          "Nothing was restored: the server could not be reached. Try again "
                          "once it is back.");
  g_assert_cmpstr (pb_connection_get_connection_url (weather), ==, NEW_URL);
  close_history (dialog);
}

/* A history file that cannot be read: said, with Retry; gone, the list is empty again. */
static void
test_history_unreadable (Fixture       *fixture,
                         gconstpointer  data)
{
  PbConnection *weather = pb_test_window_select (fixture->window, fixture->client, WEATHER);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  PbHistoryDialog *dialog;

  save_new_url (fixture, weather);

  /* This account's: other programs' histories may be in the folder (gtk_test_init() does not
   * give each test folders of its own). */
  path = pb_test_window_history_path (fixture->window);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_set_contents (path, "not what was written", -1, &error));
  g_assert_no_error (error);

  dialog = open_history (fixture);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (dialog), "Could Not Read the History", TRUE));
  g_assert_nonnull (pb_test_find_button (GTK_WIDGET (dialog), "_Retry"));

  g_assert_cmpint (g_remove (path), ==, 0);
  pb_test_click_label (GTK_WIDGET (dialog), "_Retry");
  pb_test_wait_until (dialog_idle, dialog, "the history to be read");
  pb_test_spin (50);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (dialog), "No Earlier Versions", TRUE));
  close_history (dialog);
}

int
main (int   argc,
      char *argv[])
{
  fixture_init (&argc, &argv);

  fixture_add ("/window-history/empty", test_history_empty);
  fixture_add ("/window-history/restore", test_history_restore);
  fixture_add ("/window-history/unreadable", test_history_unreadable);
  fixture_add ("/window-history/unreachable", test_history_unreachable);

  return g_test_run ();
}
