/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Saving from the edit form, as a user does it in the window against the demo server: what
 * is typed goes through the preview, shows in the list and is kept in History (and restored
 * from it); a duplicate is created beside its original; a refused write keeps the form and
 * says why; a typed client secret is sent, and nowhere else; Cancel in the preview sends
 * nothing; a colleague's change meets a conflict that Cancel leaves and Re-apply resolves; a
 * dropped connection is read back. */
#define G_LOG_DOMAIN "test-window-edit-save"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "pb-cache.h"
#include "pb-connection-draft.h"
#include "pb-connection-editor.h"
#include "pb-history-dialog.h"
#include "pb-save-conflict.h"
#include "pb-save-preview.h"
#include "pb-test-write.h"
#include "test-window-fixture.h"

#define WEATHER     "Weather Data System"
#define CRM         "CRM Contact by Email"
#define CRM_REF     "e475c292-f064-427d-bc20-5d5c0365baf0"
#define NEW_URL     "https://api.weather.example.com/v2/current?city=${city}&units=metric"
#define NEW_ACCEPT  "application/vnd.weather.v2+json"
#define COPY_NAME   WEATHER " – Europe"

/* Lets the form's checks and the window's rows catch up with what was typed or written. */
static void
settle (Fixture *fixture)
{
  pb_test_wait_until_idle (fixture->window, 50);
}

/* Selects `name` and opens it in the form with Edit (Ctrl+E). */
static PbConnectionEditor *
edit (Fixture    *fixture,
      const char *name)
{
  PbConnectionEditor *editor;

  pb_test_window_select (fixture->window, fixture->client, name);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.edit", NULL));
  settle (fixture);
  editor = pb_test_find_editor (fixture->window);
  g_assert_nonnull (editor);
  g_assert_cmpint (pb_connection_editor_get_mode (editor), ==, PB_EDITOR_MODE_EDIT);

  return editor;
}

/* The connection selected in the list (owned by the list), or NULL. */
static PbConnection *
selected (Fixture *fixture)
{
  GListModel *shown = pb_window_get_shown_connections (fixture->window);

  return gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (shown));
}

/* What the form's entry row titled `title` reads. */
static const char *
row_text (PbConnectionEditor *editor,
          const char         *title)
{
  return gtk_editable_get_text (GTK_EDITABLE (pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW,
                                                                  title)));
}

/* The value of the header `name` of a connection, or NULL. */
static char *
header_value (PbConnection *connection,
              const char   *name)
{
  g_autoptr(PbConnectionDraft) draft = pb_connection_draft_new_for_connection (connection);
  GListModel *headers = pb_connection_draft_get_table (draft, PB_DRAFT_TABLE_CUSTOM_HEADERS);

  for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
    {
      g_autoptr(PbDraftRow) row = g_list_model_get_item (headers, i);

      if (g_strcmp0 (pb_draft_row_get (row, "name"), name) == 0)
        return g_strdup (pb_draft_row_get (row, "value"));
    }

  return NULL;
}

/* Answers the preview with its button `label` and waits for it to close. */
static void
answer_preview (PbSavePreview *preview,
                const char    *label)
{
  pb_test_click_label (GTK_WIDGET (preview), label);
  pb_test_wait_for_no_toplevel (PB_TYPE_SAVE_PREVIEW);
}

/* The connection of the window's list named `name` (owned by the list), or NULL. */
static PbConnection *
find_named (Fixture    *fixture,
            const char *name)
{
  GListModel *all = G_LIST_MODEL (pb_window_get_store (fixture->window));

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(PbConnection) connection = g_list_model_get_item (all, i);

      if (g_strcmp0 (pb_connection_get_name (connection), name) == 0)
        return connection;
    }

  return NULL;
}

static gboolean
history_idle (gpointer data)
{
  return !pb_history_dialog_get_busy (data);
}

/* 1. The scenario: the URL and one header changed in the form, saved through the
 * preview, shown in the list; then the earlier version restored from History. */
static void
test_edit_save_restore (Fixture       *fixture,
                        gconstpointer  data)
{
  PbConnection *weather = pb_test_window_select (fixture->window, fixture->client, WEATHER);
  g_autofree char *ref = g_strdup (pb_connection_get_ref (weather));
  g_autofree char *old_url = g_strdup (pb_connection_get_connection_url (weather));
  g_autofree char *old_accept = header_value (weather, "Accept");
  gint64 revision = pb_connection_get_revision (weather);
  GListModel *all = G_LIST_MODEL (pb_window_get_store (fixture->window));
  guint n_connections = g_list_model_get_n_items (all);
  PbConnectionEditor *editor = edit (fixture, WEATHER);
  PbConnectionDraft *draft = pb_connection_editor_get_draft (editor);
  PbHistoryDialog *history;
  PbSavePreview *preview;
  PbConnection *listed;
  g_autofree char *accept = NULL;

  g_assert_nonnull (old_accept);
  g_assert_cmpstr (old_accept, !=, NEW_ACCEPT);

  pb_test_editor_type (editor, "URL", NEW_URL);
  pb_test_editor_type_in_table (editor, "Headers", "Accept", "Value", NEW_ACCEPT);
  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_CONNECTION_URL), ==, NEW_URL);

  /* The preview has exactly what was typed: two changes, each with its old and new value. */
  preview = pb_test_editor_click_save (editor, "_Save");
  g_assert_cmpuint (pb_save_preview_get_n_changes (preview), ==, 2);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (preview), NEW_URL, FALSE));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (preview), old_url, FALSE));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (preview), NEW_ACCEPT, FALSE));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (preview), old_accept, FALSE));
  answer_preview (preview, "_Save");

  /* The form closes, a toast says it, the list has the server's new revision. */
  pb_test_wait_for_no_editor (fixture->window);
  pb_test_wait_for_label (GTK_WIDGET (fixture->window), "Saved “" WEATHER "”");
  settle (fixture);
  listed = pb_test_window_find (fixture->window, ref);
  g_assert_nonnull (listed);
  g_assert_cmpint (pb_connection_get_revision (listed), ==, revision + 1);
  g_assert_cmpstr (pb_connection_get_connection_url (listed), ==, NEW_URL);
  accept = header_value (listed, "Accept");
  g_assert_cmpstr (accept, ==, NEW_ACCEPT);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, n_connections);
  /* Its page, selected, shows it. */
  g_assert_true (selected (fixture) == listed);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window), NEW_URL, FALSE));
  g_assert_nonnull (pb_test_find_holding (GTK_WIDGET (fixture->window), NEW_ACCEPT));
  g_assert_cmpuint (pb_demo_server_get_n_writes (fixture->server), ==, 1);

  /* History has the version it replaced; Restore goes through the same preview. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.history", NULL);
  history = pb_test_wait_for_toplevel (PB_TYPE_HISTORY_DIALOG);
  pb_test_wait_until (history_idle, history, "the history to be read");
  pb_test_spin (50);
  g_assert_cmpuint (g_list_model_get_n_items (pb_history_dialog_get_entries (history)), ==, 1);
  pb_test_click_label (GTK_WIDGET (history), "Re_store This Version");
  preview = pb_test_wait_for_toplevel (PB_TYPE_SAVE_PREVIEW);
  g_assert_cmpuint (pb_save_preview_get_n_changes (preview), ==, 2);
  answer_preview (preview, "_Restore");
  pb_test_wait_for_no_toplevel (PB_TYPE_HISTORY_DIALOG);
  settle (fixture);

  listed = pb_test_window_find (fixture->window, ref);
  g_assert_cmpstr (pb_connection_get_connection_url (listed), ==, old_url);
  g_clear_pointer (&accept, g_free);
  accept = header_value (listed, "Accept");
  g_assert_cmpstr (accept, ==, old_accept);
  g_assert_cmpint (pb_connection_get_revision (listed), ==, revision + 2);
  pb_test_wait_for_label (GTK_WIDGET (fixture->window), "“" WEATHER "” restored");
  g_assert_cmpuint (pb_demo_server_get_n_writes (fixture->server), ==, 2);
}

/* 2. Duplicate: the form of a new connection; Save creates it, beside the original. */
static void
test_duplicate_creates (Fixture       *fixture,
                        gconstpointer  data)
{
  PbConnection *weather = pb_test_window_select (fixture->window, fixture->client, WEATHER);
  GListModel *all = G_LIST_MODEL (pb_window_get_store (fixture->window));
  guint n_connections = g_list_model_get_n_items (all);
  g_autofree char *ref = g_strdup (pb_connection_get_ref (weather));
  g_autofree char *json = g_strdup (pb_connection_get_json (weather));
  gint64 revision = pb_connection_get_revision (weather);
  PbConnectionEditor *editor;
  PbSavePreview *preview;
  PbConnection *copy;
  PbConnection *original;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.duplicate", NULL);
  settle (fixture);
  editor = pb_test_find_editor (fixture->window);
  g_assert_nonnull (editor);
  g_assert_cmpint (pb_connection_editor_get_mode (editor), ==, PB_EDITOR_MODE_DUPLICATE);
  g_assert_true (pb_connection_draft_is_new (pb_connection_editor_get_draft (editor)));
  pb_test_editor_type (editor, "Name", COPY_NAME);

  /* A create: its action says so, and there is nothing to save over. */
  preview = pb_test_editor_click_save (editor, "_Save");
  g_assert_nonnull (pb_test_find_button (GTK_WIDGET (preview), "_Create"));
  g_assert_null (pb_test_find_button (GTK_WIDGET (preview), "_Save"));
  g_assert_cmpuint (pb_save_preview_get_n_changes (preview), >, 0);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (preview), COPY_NAME, FALSE));
  answer_preview (preview, "_Create");

  pb_test_wait_for_no_editor (fixture->window);
  pb_test_wait_for_label (GTK_WIDGET (fixture->window), "Created “" COPY_NAME "”");
  settle (fixture);

  /* One more in the list, with a ref of its own, and selected. */
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, n_connections + 1);
  copy = find_named (fixture, COPY_NAME);
  g_assert_nonnull (copy);
  g_assert_cmpstr (pb_connection_get_ref (copy), !=, ref);
  g_assert_nonnull (pb_connection_get_ref (copy));
  g_assert_cmpstr (pb_connection_get_connection_url (copy), ==,
                   pb_connection_get_connection_url (pb_test_window_find (fixture->window, ref)));
  g_assert_true (selected (fixture) == copy);
  g_assert_cmpuint (pb_demo_server_get_n_writes (fixture->server), ==, 1);
  g_assert_cmpuint (pb_demo_server_get_n_connections (fixture->server), ==, n_connections + 1);

  /* The original is as it was. */
  original = pb_test_window_find (fixture->window, ref);
  g_assert_nonnull (original);
  g_assert_cmpstr (pb_connection_get_name (original), ==, WEATHER);
  g_assert_cmpint (pb_connection_get_revision (original), ==, revision);
  g_assert_cmpstr (pb_connection_get_json (original), ==, json);
}

/* Whether the form (a weak pointer: the window may have closed it) is gone, or says why the
 * save failed. */
static gboolean
gone_or_error (gpointer data)
{
  PbConnectionEditor **editor = data;

  return *editor == NULL || pb_test_editor_get_error (*editor) != NULL;
}

/* The form (`editor` a weak pointer to it) is still open, with what the user typed, and says
 * why the write failed: the server's own message, in a sentence. */
static void
assert_kept (Fixture             *fixture,
             PbConnectionEditor **weak_editor,
             const char          *url,
             const char          *server_message)
{
  PbConnectionEditor *editor;
  const char *error;

  pb_test_wait_until (gone_or_error, weak_editor, "the form to say why the save failed");
  editor = *weak_editor;
  g_assert_nonnull (editor);
  g_assert_true (pb_test_find_editor (fixture->window) == editor);
  g_assert_cmpstr (row_text (editor, "URL"), ==, url);
  g_assert_cmpstr (pb_connection_draft_get_text (pb_connection_editor_get_draft (editor),
                                                 PB_DRAFT_CONNECTION_URL), ==, url);
  g_assert_true (pb_connection_draft_is_modified (pb_connection_editor_get_draft (editor)));

  error = pb_test_editor_get_error (editor);
  g_test_message ("The form says: %s", error);
  g_assert_nonnull (strstr (error, server_message));
  g_assert_true (g_str_has_prefix (error, "Nothing was saved"));
  /* A sentence, not the body it came in. */
  g_assert_true (g_unichar_isupper (g_utf8_get_char (error)));
  g_assert_true (g_str_has_suffix (error, ".") || g_str_has_suffix (error, "later."));
  g_assert_null (strchr (error, '{'));
  g_assert_null (strstr (error, "developerMessage"));
  /* Nothing on the page of the list changed. */
  g_assert_nonnull (pb_test_find_button (GTK_WIDGET (editor), "_Save"));
}

/* 3. Refused writes (400, then 503) keep the form; the next Save goes through. */
static void
test_failure_keeps_edits (Fixture       *fixture,
                          gconstpointer  data)
{
  PbConnection *weather = pb_test_window_select (fixture->window, fixture->client, WEATHER);
  g_autofree char *ref = g_strdup (pb_connection_get_ref (weather));
  gint64 revision = pb_connection_get_revision (weather);
  PbConnectionEditor *editor = edit (fixture, WEATHER);
  PbSavePreview *preview;
  PbConnection *listed;

  /* A weak pointer: a window that closed the form on a failure fails the test, not the
   * program. */
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  pb_test_editor_type (editor, "URL", NEW_URL);

  /* 400, with the API's error body: its message is said. */
  pb_demo_server_fail_next_write (fixture->server, PB_DEMO_WRITE_FAIL_STATUS, 400);
  preview = pb_test_editor_click_save (editor, "_Save");
  answer_preview (preview, "_Save");
  assert_kept (fixture, &editor, NEW_URL, "The request is not valid.");
  g_assert_cmpuint (pb_demo_server_get_n_writes (fixture->server), ==, 1);
  listed = pb_test_window_find (fixture->window, ref);
  g_assert_cmpint (pb_connection_get_revision (listed), ==, revision);

  /* Typing on after it; then a 503, through Retry. */
  pb_test_editor_type (editor, "Description", "Weather at the guest's city, version 2.");
  pb_demo_server_fail_next_write (fixture->server, PB_DEMO_WRITE_FAIL_STATUS, 503);
  preview = pb_test_editor_click_save (editor, "_Retry");
  /* The preview is of what the form has now. */
  g_assert_cmpuint (pb_save_preview_get_n_changes (preview), ==, 2);
  answer_preview (preview, "_Save");
  assert_kept (fixture, &editor, NEW_URL, "The service is temporarily unavailable.");
  g_assert_cmpuint (pb_demo_server_get_n_writes (fixture->server), ==, 2);

  /* A refusal with a message of the server's own, without a full stop, when the version on
   * the server is read before the write (pb_demo_server_fail_next() takes the next request):
   * said as a sentence too, and nothing was written. */
  pb_demo_server_fail_next (fixture->server, 400,
                            "{\"status\": 400, \"code\": 4000, "
                            "\"message\": \"Connection URLs must use HTTPS\"}", 1);
  preview = pb_test_editor_click_save (editor, "_Save");
  answer_preview (preview, "_Save");
  assert_kept (fixture, &editor, NEW_URL, "Connection URLs must use HTTPS.");
  g_assert_cmpuint (pb_demo_server_get_n_writes (fixture->server), ==, 2);

  /* The server is back: Save goes through, and the sentence goes with the form. */
  preview = pb_test_editor_click_save (editor, "_Save");
  g_assert_cmpuint (pb_save_preview_get_n_changes (preview), ==, 2);
  answer_preview (preview, "_Save");
  pb_test_wait_for_no_editor (fixture->window);
  if (editor != NULL)
    g_object_remove_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  pb_test_wait_for_label (GTK_WIDGET (fixture->window), "Saved “" WEATHER "”");
  settle (fixture);
  listed = pb_test_window_find (fixture->window, ref);
  g_assert_cmpint (pb_connection_get_revision (listed), ==, revision + 1);
  g_assert_cmpstr (pb_connection_get_connection_url (listed), ==, NEW_URL);
  g_assert_cmpstr (pb_connection_get_description (listed), ==,
                   "Weather at the guest's city, version 2.");
  g_assert_cmpuint (pb_demo_server_get_n_writes (fixture->server), ==, 3);
}

/* No widget at or below `root`, shown or not, holds `secret`. */
static void
assert_not_held (GtkWidget  *root,
                 const char *secret)
{
  GtkWidget *holder = pb_test_find_holding (root, secret);

  if (holder != NULL)
    g_error ("A %s of the %s holds the client secret", G_OBJECT_TYPE_NAME (holder),
             G_OBJECT_TYPE_NAME (root));
}

/* The client secret typed in test_secret_only_sent(), looked for once the fixture is gone. */
static char *typed_secret;

/* 4. A typed client secret is in the body the server received, and nowhere else: not on
 * screen, not in a file of the application's folders, not in the log. */
static void
test_secret_only_sent (Fixture       *fixture,
                       gconstpointer  data)
{
  PbConnection *crm = pb_test_window_select (fixture->window, fixture->client, CRM);
  g_autofree char *ref = g_strdup (pb_connection_get_ref (crm));
  g_assert_cmpstr (ref, ==, CRM_REF);
  g_autofree char *uuid = g_uuid_string_random ();
  g_auto(PbTestWaiter) waiter = { 0 };
  g_autoptr(PbConnection) stored = NULL;
  g_autoptr(GError) error = NULL;
  PbConnectionEditor *editor;
  PbSavePreview *preview;

  g_assert_cmpstr (pb_connection_get_auth_type (crm), ==, "OAUTH");
  g_free (typed_secret);
  typed_secret = g_strdup_printf ("typed-secret-%s", uuid);

  editor = edit (fixture, CRM);
  pb_test_editor_type (editor, "Client Secret", typed_secret);
  g_assert_cmpstr (pb_connection_draft_get_text (pb_connection_editor_get_draft (editor),
                                                 PB_DRAFT_AUTH_CLIENT_SECRET), ==, typed_secret);
  /* Where it was typed, it is (what the checks below look for is found where it is). */
  g_assert_nonnull (pb_test_find_holding (GTK_WIDGET (editor), typed_secret));

  /* The preview counts it, masked. */
  preview = pb_test_editor_click_save (editor, "_Save");
  g_assert_cmpuint (pb_save_preview_get_n_changes (preview), ==, 1);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (preview), "Client Secret", FALSE));
  assert_not_held (GTK_WIDGET (preview), typed_secret);
  /* Masked, not left out: Show Secrets shows it. */
  pb_save_preview_set_reveal_secrets (preview, TRUE);
  pb_test_spin (50);
  g_assert_nonnull (pb_test_find_holding (GTK_WIDGET (preview), typed_secret));
  pb_save_preview_set_reveal_secrets (preview, FALSE);
  pb_test_spin (50);
  assert_not_held (GTK_WIDGET (preview), typed_secret);
  answer_preview (preview, "_Save");
  pb_test_wait_for_no_editor (fixture->window);
  pb_test_wait_for_label (GTK_WIDGET (fixture->window), "Saved “" CRM "”");
  settle (fixture);
  assert_not_held (GTK_WIDGET (fixture->window), typed_secret);

  /* The server has it: the demo server keeps what a PUT sent, secret included (the real API
   * never answers it back). */
  pb_client_get_connection_async (fixture->client, ref, NULL, pb_test_waiter_cb, &waiter);
  stored = pb_client_get_connection_finish (fixture->client, pb_test_waiter_wait (&waiter),
                                            &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (pb_connection_get_json (stored), typed_secret));

  /* Edited again (the version it replaces, the one with the secret, goes into History). */
  editor = edit (fixture, CRM);
  pb_test_editor_type (editor, "Description", "Looks up the CRM contact, with a new secret.");
  preview = pb_test_editor_click_save (editor, "_Save");
  assert_not_held (GTK_WIDGET (preview), typed_secret);
  answer_preview (preview, "_Save");
  pb_test_wait_for_no_editor (fixture->window);
  settle (fixture);
  assert_not_held (GTK_WIDGET (fixture->window), typed_secret);
  /* The log was read: the demo server's debug line of the write is there, the secret not. */
  g_assert_true (pb_test_logs_contain ("Stored connection"));
  g_assert_false (pb_test_logs_contain (typed_secret));
}

/* After the window and its store are gone (the offline copy written, History kept): no file
 * of the application's folders holds the secret, and the log never had it. */
static void
secret_tear_down (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *folders[] = { g_get_user_data_dir (), g_get_user_cache_dir (),
                            g_get_user_config_dir () };
  g_autofree char *cache_id = NULL;
  g_autofree char *cache_path = NULL;
  g_autofree char *history_path = pb_test_window_history_path (fixture->window);
  g_autofree char *cached = NULL;

  g_object_get (fixture->window, "cache-id", &cache_id, NULL);
  cache_path = pb_cache_get_path (cache_id);
  fixture_tear_down (fixture, data);
  g_assert_nonnull (typed_secret);

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *found = pb_test_find_file_with (folders[i], typed_secret);

      if (found != NULL)
        g_error ("The client secret is in %s", found);
    }
  /* The walk saw what was written: the offline copy and History. */
  g_assert_true (g_file_test (cache_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_str_has_prefix (cache_path, g_get_user_cache_dir ()));
  g_assert_true (g_file_test (history_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_str_has_prefix (history_path, g_get_user_data_dir ()));
  /* (and what the walk reads, it reads: the offline copy has the connection) */
  g_assert_true (g_file_get_contents (cache_path, &cached, NULL, NULL));
  g_assert_nonnull (strstr (cached, CRM_REF));
  g_assert_false (pb_test_logs_contain (typed_secret));
  g_clear_pointer (&typed_secret, g_free);
}

/* 6. A colleague changed another field while the form was open: the conflict says so, Cancel
 * keeps the form, and Re-apply writes the user's changes (the typed client secret with them)
 * onto the new version. */
static void
test_conflict_reapply (Fixture       *fixture,
                       gconstpointer  data)
{
  PbConnection *crm = pb_test_window_select (fixture->window, fixture->client, CRM);
  g_autofree char *ref = g_strdup (pb_connection_get_ref (crm));
  g_autofree char *uuid = g_uuid_string_random ();
  const char *theirs = "https://api.crm.example.net/v3/contacts/lookup";
  const char *mine = "Looks up the contact, and the segment, for the guest.";
  gint64 revision = pb_connection_get_revision (crm);
  g_auto(PbTestWaiter) waiter = { 0 };
  g_autoptr(PbConnection) stored = NULL;
  g_autoptr(GError) error = NULL;
  PbConnectionEditor *editor;
  PbSavePreview *preview;
  GtkWidget *conflict;
  PbConnection *listed;

  g_free (typed_secret);
  typed_secret = g_strdup_printf ("typed-secret-%s", uuid);
  editor = edit (fixture, CRM);
  pb_test_editor_type (editor, "Description", mine);
  pb_test_editor_type (editor, "Client Secret", typed_secret);
  pb_test_server_change (fixture->server, crm, "request.connectionUrl", theirs);

  /* Cancel in the conflict: nothing written, the form as it was. */
  preview = pb_test_editor_click_save (editor, "_Save");
  answer_preview (preview, "_Save");
  conflict = pb_test_wait_for_toplevel (PB_TYPE_SAVE_CONFLICT);
  g_assert_true (pb_test_shows_text (conflict, theirs, FALSE));
  assert_not_held (conflict, typed_secret);
  pb_test_click_label (conflict, "_Cancel");
  pb_test_wait_for_no_toplevel (PB_TYPE_SAVE_CONFLICT);
  settle (fixture);
  g_assert_true (pb_test_find_editor (fixture->window) == editor);
  g_assert_cmpstr (row_text (editor, "Description"), ==, mine);
  g_assert_null (pb_test_editor_get_error (editor));
  g_assert_cmpuint (pb_demo_server_get_n_writes (fixture->server), ==, 0);

  /* Again, and Re-apply: a new preview of the user's two changes onto their version. */
  preview = pb_test_editor_click_save (editor, "_Save");
  answer_preview (preview, "_Save");
  conflict = pb_test_wait_for_toplevel (PB_TYPE_SAVE_CONFLICT);
  pb_test_click_label (conflict, "_Re-apply My Changes");
  pb_test_wait_for_no_toplevel (PB_TYPE_SAVE_CONFLICT);
  preview = pb_test_wait_for_toplevel (PB_TYPE_SAVE_PREVIEW);
  g_assert_cmpuint (pb_save_preview_get_n_changes (preview), ==, 2);
  assert_not_held (GTK_WIDGET (preview), typed_secret);
  answer_preview (preview, "_Save");
  pb_test_wait_for_no_editor (fixture->window);
  pb_test_wait_for_label (GTK_WIDGET (fixture->window), "Saved “" CRM "”");
  settle (fixture);

  /* Both: their URL, the user's description; two revisions on. */
  listed = pb_test_window_find (fixture->window, ref);
  g_assert_cmpint (pb_connection_get_revision (listed), ==, revision + 2);
  g_assert_cmpstr (pb_connection_get_connection_url (listed), ==, theirs);
  g_assert_cmpstr (pb_connection_get_description (listed), ==, mine);
  assert_not_held (GTK_WIDGET (fixture->window), typed_secret);
  g_assert_cmpuint (pb_demo_server_get_n_writes (fixture->server), ==, 1);

  /* The secret went with the re-applied changes. */
  pb_client_get_connection_async (fixture->client, ref, NULL, pb_test_waiter_cb, &waiter);
  stored = pb_client_get_connection_finish (fixture->client, pb_test_waiter_wait (&waiter),
                                            &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (pb_connection_get_json (stored), typed_secret));
}

/* 7. The connection drops once the body was sent: read again, the write did not happen (the
 * form says so and keeps the edits), or did (saved, as any other). */
static void
test_dropped_write (Fixture       *fixture,
                    gconstpointer  data)
{
  PbConnection *weather = pb_test_window_select (fixture->window, fixture->client, WEATHER);
  g_autofree char *ref = g_strdup (pb_connection_get_ref (weather));
  gint64 revision = pb_connection_get_revision (weather);
  PbConnectionEditor *editor = edit (fixture, WEATHER);
  PbSavePreview *preview;
  PbConnection *listed;

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  pb_test_editor_type (editor, "URL", NEW_URL);

  pb_demo_server_fail_next_write (fixture->server, PB_DEMO_WRITE_DROP, 0);
  preview = pb_test_editor_click_save (editor, "_Save");
  answer_preview (preview, "_Save");
  pb_test_wait_until (gone_or_error, &editor, "the form to say why the save failed");
  g_assert_nonnull (editor);
  g_test_message ("The form says: %s", pb_test_editor_get_error (editor));
  g_assert_true (g_str_has_suffix (pb_test_editor_get_error (editor), "."));
  g_assert_cmpstr (row_text (editor, "URL"), ==, NEW_URL);
  /* Known not to have happened: no "Sent, but Not Confirmed" question. */
  g_assert_null (pb_test_find_alert (GTK_WIDGET (fixture->window)));
  listed = pb_test_window_find (fixture->window, ref);
  g_assert_cmpint (pb_connection_get_revision (listed), ==, revision);

  pb_demo_server_fail_next_write (fixture->server, PB_DEMO_WRITE_DROP_AFTER_STORING, 0);
  preview = pb_test_editor_click_save (editor, "_Save");
  answer_preview (preview, "_Save");
  pb_test_wait_for_no_editor (fixture->window);
  pb_test_wait_for_label (GTK_WIDGET (fixture->window), "Saved “" WEATHER "”");
  settle (fixture);
  listed = pb_test_window_find (fixture->window, ref);
  g_assert_cmpint (pb_connection_get_revision (listed), ==, revision + 1);
  g_assert_cmpstr (pb_connection_get_connection_url (listed), ==, NEW_URL);
  g_assert_cmpuint (pb_demo_server_get_n_writes (fixture->server), ==, 2);
}

/* 5. Cancel in the preview sends nothing and leaves the form as it was. */
static void
test_cancel_preview (Fixture       *fixture,
                     gconstpointer  data)
{
  PbConnectionEditor *editor = edit (fixture, WEATHER);
  const char *description = "Changed, then not sent.";
  guint n_writes = pb_demo_server_get_n_writes (fixture->server);
  guint n_requests;
  PbSavePreview *preview;

  pb_test_editor_type (editor, "Description", description);
  n_requests = pb_demo_server_get_n_requests (fixture->server);
  preview = pb_test_editor_click_save (editor, "_Save");
  g_assert_cmpuint (pb_save_preview_get_n_changes (preview), ==, 1);
  answer_preview (preview, "_Cancel");
  settle (fixture);

  g_assert_cmpuint (pb_demo_server_get_n_writes (fixture->server), ==, n_writes);
  g_assert_cmpuint (pb_demo_server_get_n_requests (fixture->server), ==, n_requests);
  g_assert_true (pb_test_find_editor (fixture->window) == editor);
  g_assert_cmpstr (row_text (editor, "Description"), ==, description);
  g_assert_cmpstr (pb_connection_draft_get_text (pb_connection_editor_get_draft (editor),
                                                 PB_DRAFT_DESCRIPTION), ==, description);
  /* Nothing to say, and Save can be pressed again. */
  g_assert_null (pb_test_editor_get_error (editor));
  g_assert_true (gtk_widget_is_sensitive (pb_test_find_button (GTK_WIDGET (editor), "_Save")));
  preview = pb_test_editor_click_save (editor, "_Save");
  g_assert_cmpuint (pb_save_preview_get_n_changes (preview), ==, 1);
  /* Closing the preview's window is Cancel too. */
  gtk_window_close (GTK_WINDOW (preview));
  pb_test_wait_for_no_toplevel (PB_TYPE_SAVE_PREVIEW);
  settle (fixture);
  g_assert_cmpuint (pb_demo_server_get_n_requests (fixture->server), ==, n_requests);
  g_assert_true (pb_test_find_editor (fixture->window) == editor);
  g_assert_true (pb_connection_draft_is_modified (pb_connection_editor_get_draft (editor)));
}

/* 8. The server went away before Save: the form says that nothing was saved and that Retry is
 * the way out, not the server address in Preferences (it answered a moment ago). */
static void
test_unreachable (Fixture       *fixture,
                  gconstpointer  data)
{
  PbConnectionEditor *editor = edit (fixture, WEATHER);
  PbSavePreview *preview;
  const char *error;

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  pb_test_editor_type (editor, "URL", NEW_URL);
  preview = pb_test_editor_click_save (editor, "_Save");
  pb_demo_server_stop (fixture->server);
  answer_preview (preview, "_Save");

  pb_test_wait_until (gone_or_error, &editor, "the form to say why the save failed");
  g_assert_nonnull (editor);
  error = pb_test_editor_get_error (editor);
  g_test_message ("The form says: %s", error);
  g_assert_true (g_str_has_prefix (error, "Nothing was saved"));
  g_assert_nonnull (strstr (error, "Retry"));
  g_assert_null (strstr (error, "Preferences"));
  g_assert_cmpstr (row_text (editor, "URL"), ==, NEW_URL);
  g_object_remove_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
}

int
main (int   argc,
      char *argv[])
{
  fixture_init (&argc, &argv);
  pb_test_capture_logs ();

  fixture_add ("/window-edit-save/edit-save-restore", test_edit_save_restore);
  fixture_add ("/window-edit-save/duplicate-creates", test_duplicate_creates);
  fixture_add ("/window-edit-save/failure-keeps-edits", test_failure_keeps_edits);
  g_test_add ("/window-edit-save/secret-only-sent", Fixture, NULL, fixture_set_up,
              test_secret_only_sent, secret_tear_down);
  fixture_add ("/window-edit-save/cancel-preview", test_cancel_preview);
  fixture_add ("/window-edit-save/dropped-write", test_dropped_write);
  fixture_add ("/window-edit-save/unreachable", test_unreachable);
  g_test_add ("/window-edit-save/conflict-reapply", Fixture, NULL, fixture_set_up,
              test_conflict_reapply, secret_tear_down);

  return g_test_run ();
}
