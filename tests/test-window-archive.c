/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Archive and Unarchive of the window's selected connection: through the preview (Cancel sends
 * nothing), the toast and the list after, the production guard, and off while the offline
 * copy is shown. */
#define G_LOG_DOMAIN "test-window-archive"

#include "config.h"

#include <adwaita.h>

#include "pb-cache.h"
#include "pb-save-preview.h"
#include "pb-test-write.h"
#include "test-window-fixture.h"

#define WEATHER "Weather Data System"
#define LEGACY "Legacy Partner Feed"

static gboolean
is_archived (gpointer data)
{
  return pb_connection_get_archived (data);
}

static gboolean
is_not_archived (gpointer data)
{
  return !pb_connection_get_archived (data);
}

/* The connection selected in the list (owned by the list), or NULL. */
static PbConnection *
selected (Fixture *fixture)
{
  GListModel *shown = pb_window_get_shown_connections (fixture->window);

  return gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (shown));
}

static gboolean
is_shown (PbWindow     *window,
          PbConnection *connection)
{
  GListModel *shown = pb_window_get_shown_connections (window);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(PbConnection) item = g_list_model_get_item (shown, i);

      if (item == connection)
        return TRUE;
    }

  return FALSE;
}

/* Archive from the menu, then Unarchive: each previewed, each said in a toast, the list
 * following. */
static void
test_archive_and_unarchive (Fixture       *fixture,
                            gconstpointer  data)
{
  PbConnection *weather = pb_test_window_select (fixture->window, fixture->client, WEATHER);
  g_autofree char *ref = g_strdup (pb_connection_get_ref (weather));
  PbSavePreview *preview;
  GtkWidget *item;

  /* The menu offers Archive, not Unarchive. */
  item = pb_test_find_menu_item (fixture->window, "Archive…");
  g_assert_nonnull (item);
  g_assert_true (gtk_widget_is_sensitive (item));
  item = pb_test_find_menu_item (fixture->window, "Unarchive…");
  g_assert_true (item == NULL || !gtk_widget_get_visible (item));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.archive", NULL);
  preview = pb_test_wait_for_toplevel (PB_TYPE_SAVE_PREVIEW);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (preview), "Archive “Weather Data System”?",
                                     TRUE));
  /* Only the flag changes. */
  g_assert_cmpuint (pb_save_preview_get_n_changes (preview), ==, 1);
  pb_test_click_label (GTK_WIDGET (preview), "_Archive");
  pb_test_wait_until (is_archived, weather, "the connection to be archived");
  pb_test_wait_for_no_toplevel (PB_TYPE_SAVE_PREVIEW);
  pb_test_wait_until_idle (fixture->window, 100);

  g_assert_cmpint (pb_connection_get_revision (weather), ==, 5);
  /* A toast says so (after any toast before it). */
  pb_test_wait_for_label (GTK_WIDGET (fixture->window), "“Weather Data System” archived");
  /* The sidebar counts it among the archived ones it hides. */
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window),
                                     "19 of 24 connections, 5 archived hidden", TRUE));
  /* Archived connections are hidden unless shown. */
  g_assert_false (is_shown (fixture->window, weather));
  /* The page goes on to the connection that took its place, not to an empty page. */
  g_assert_nonnull (selected (fixture));
  g_assert_false (selected (fixture) == weather);
  g_assert_false (pb_test_shows_text (GTK_WIDGET (fixture->window), "No Connection Selected",
                                      TRUE));

  /* Back: shown with the archived ones, selected, unarchived. */
  weather = pb_test_window_select (fixture->window, fixture->client, WEATHER);
  g_assert_cmpstr (pb_connection_get_ref (weather), ==, ref);
  /* The menu offers Unarchive, and no Archive that cannot apply; Duplicate opens a form. */
  item = pb_test_find_menu_item (fixture->window, "Archive…");
  g_assert_true (item == NULL || !gtk_widget_get_visible (item));
  g_assert_nonnull (pb_test_find_menu_item (fixture->window, "Duplicate…"));
  /* The page says why Edit is off, and offers the way back. */
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window),
                                     "This connection is archived. Unarchive it to edit it.", TRUE));
  g_assert_false (gtk_widget_is_sensitive (pb_test_find_accessible (GTK_WIDGET (fixture->window),
                                                                    GTK_TYPE_BUTTON, "Edit")));
  item = pb_test_find_menu_item (fixture->window, "Unarchive…");
  g_assert_nonnull (item);
  g_assert_true (gtk_widget_is_sensitive (item));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.unarchive", NULL);
  preview = pb_test_wait_for_toplevel (PB_TYPE_SAVE_PREVIEW);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (preview), "Unarchive “Weather Data System”?",
                                     TRUE));
  pb_test_click_label (GTK_WIDGET (preview), "_Unarchive");
  pb_test_wait_until (is_not_archived, weather, "the connection to be unarchived");
  pb_test_wait_until_idle (fixture->window, 100);
  g_assert_cmpint (pb_connection_get_revision (weather), ==, 6);
  pb_test_wait_for_label (GTK_WIDGET (fixture->window), "“Weather Data System” unarchived");
  g_assert_false (pb_test_shows_text (GTK_WIDGET (fixture->window),
                                      "This connection is archived. Unarchive it to edit it.",
                                      TRUE));
}

/* The toast of an archive has Undo: it unarchives through the same preview. */
static void
test_archive_undo (Fixture       *fixture,
                   gconstpointer  data)
{
  PbConnection *weather = pb_test_window_select (fixture->window, fixture->client, WEATHER);
  PbSavePreview *preview;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.archive", NULL);
  preview = pb_test_wait_for_toplevel (PB_TYPE_SAVE_PREVIEW);
  pb_test_click_label (GTK_WIDGET (preview), "_Archive");
  pb_test_wait_until (is_archived, weather, "the connection to be archived");
  pb_test_wait_for_no_toplevel (PB_TYPE_SAVE_PREVIEW);
  pb_test_wait_for_label (GTK_WIDGET (fixture->window), "“Weather Data System” archived");

  pb_test_click_label (GTK_WIDGET (fixture->window), "_Undo");
  preview = pb_test_wait_for_toplevel (PB_TYPE_SAVE_PREVIEW);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (preview), "Unarchive “Weather Data System”?",
                                     TRUE));
  pb_test_click_label (GTK_WIDGET (preview), "_Unarchive");
  pb_test_wait_until (is_not_archived, weather, "the connection to be unarchived");
  pb_test_wait_until_idle (fixture->window, 100);
  g_assert_cmpint (pb_connection_get_revision (weather), ==, 6);
  g_assert_true (is_shown (fixture->window, weather));
  /* The page is back on it. */
  g_assert_true (selected (fixture) == weather);
}

/* The server went away before Archive: the toast says nothing changed and to try again, not
 * to check the server address (it answered a moment ago). */
static void
test_archive_unreachable (Fixture       *fixture,
                          gconstpointer  data)
{
  PbConnection *weather = pb_test_window_select (fixture->window, fixture->client, WEATHER);
  PbSavePreview *preview;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.archive", NULL);
  preview = pb_test_wait_for_toplevel (PB_TYPE_SAVE_PREVIEW);
  pb_demo_server_stop (fixture->server);
  pb_test_click_label (GTK_WIDGET (preview), "_Archive");
  pb_test_wait_for_label (GTK_WIDGET (fixture->window),
                          "Nothing was changed: the server could not be reached. Try again once "
                          "it is back.");
  g_assert_false (pb_connection_get_archived (weather));
}

/* Cancel in the preview: nothing sent, nothing archived, Archive offered again. */
static void
test_archive_cancel (Fixture       *fixture,
                     gconstpointer  data)
{
  PbConnection *weather = pb_test_window_select (fixture->window, fixture->client, WEATHER);
  PbSavePreview *preview;
  guint requests = pb_demo_server_get_n_requests (fixture->server);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.archive", NULL);
  preview = pb_test_wait_for_toplevel (PB_TYPE_SAVE_PREVIEW);
  pb_test_click_label (GTK_WIDGET (preview), "_Cancel");
  pb_test_wait_for_no_toplevel (PB_TYPE_SAVE_PREVIEW);
  pb_test_wait_until_idle (fixture->window, 50);

  g_assert_cmpuint (pb_demo_server_get_n_requests (fixture->server), ==, requests);
  g_assert_false (pb_connection_get_archived (weather));
  g_assert_cmpint (pb_connection_get_revision (weather), ==, 4);
  g_assert_true (gtk_widget_is_sensitive (pb_test_find_menu_item (fixture->window, "Archive…")));
}

/* In a production account, Unarchive asks for the name too. */
static void
test_unarchive_production_guard (Fixture       *fixture,
                                 gconstpointer  data)
{
  PbConnection *legacy = pb_test_window_select (fixture->window, fixture->client, LEGACY);
  gint64 revision = pb_connection_get_revision (legacy);
  PbSavePreview *preview;
  GtkWidget *guard;
  guint requests;

  g_assert_true (pb_connection_get_archived (legacy));
  pb_window_set_production (fixture->window, TRUE);
  requests = pb_demo_server_get_n_requests (fixture->server);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.unarchive", NULL);
  preview = pb_test_wait_for_toplevel (PB_TYPE_SAVE_PREVIEW);
  pb_test_click_label (GTK_WIDGET (preview), "_Unarchive");
  guard = pb_test_wait_for_question (GTK_WIDGET (preview));
  g_assert_true (pb_test_shows_text (guard, "Unarchive in Production?", TRUE));
  pb_test_guard_type (guard, "Legacy Partner");
  g_assert_false (pb_test_guard_can_confirm (guard));
  g_assert_cmpuint (pb_demo_server_get_n_requests (fixture->server), ==, requests);
  g_assert_true (pb_connection_get_archived (legacy));

  pb_test_guard_type (guard, LEGACY);
  g_assert_true (pb_test_guard_can_confirm (guard));
  pb_test_question_respond (guard, "confirm");
  pb_test_wait_until (is_not_archived, legacy, "the connection to be unarchived");
  g_assert_cmpint (pb_connection_get_revision (legacy), ==, revision + 1);
}

/* While the list shown is the offline copy, neither is offered. */
static void
test_archive_off_with_offline_copy (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(PbClient) second = pb_client_new (pb_demo_server_get_base_url (fixture->server));
  GListModel *shown = pb_window_get_shown_connections (fixture->window);
  g_autofree char *cache_id = NULL;
  g_autofree char *path = NULL;
  GtkWidget *item;

  pb_test_window_select (fixture->window, fixture->client, WEATHER);
  g_assert_true (gtk_widget_is_sensitive (pb_test_find_menu_item (fixture->window, "Archive…")));

  /* The copy is written after the load; then the server fails, slowly enough that the copy
   * shows first (as test-window-secrets does). */
  g_object_get (fixture->window, "cache-id", &cache_id, NULL);
  path = pb_cache_get_path (cache_id);
  for (guint i = 0; i < 50 && !g_file_test (path, G_FILE_TEST_EXISTS); i++)
    pb_test_wait_until_idle (fixture->window, 100);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  pb_demo_server_set_latency (fixture->server, 500);
  pb_client_set_access_token (second, pb_demo_server_get_token (fixture->server));
  pb_demo_server_fail_next (fixture->server, 503, NULL, 20);
  pb_window_set_client (fixture->window, second);
  pb_test_wait_until_idle (fixture->window, 300);
  g_assert_true (pb_connection_store_get_offline_copy (pb_window_get_store (fixture->window)));
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (shown), 0);
  pb_test_spin (100);

  /* Not offered at all, as Unarchive is not on a connection that is not archived. */
  item = pb_test_find_menu_item (fixture->window, "Archive…");
  g_assert_true (item == NULL || !gtk_widget_get_visible (item));
  /* Activated anyway (a shortcut, a stale menu): nothing opens. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.archive", NULL);
  pb_test_spin (100);
  g_assert_null (pb_test_find_toplevel (PB_TYPE_SAVE_PREVIEW));

  pb_demo_server_fail_next (fixture->server, 0, NULL, 0);
  pb_window_set_client (fixture->window, NULL);
}

int
main (int   argc,
      char *argv[])
{
  fixture_init (&argc, &argv);

  fixture_add ("/window-archive/archive-and-unarchive", test_archive_and_unarchive);
  fixture_add ("/window-archive/undo", test_archive_undo);
  fixture_add ("/window-archive/unreachable", test_archive_unreachable);
  fixture_add ("/window-archive/cancel", test_archive_cancel);
  fixture_add ("/window-archive/unarchive-production-guard", test_unarchive_production_guard);
  fixture_add ("/window-archive/off-with-offline-copy", test_archive_off_with_offline_copy);

  return g_test_run ();
}
