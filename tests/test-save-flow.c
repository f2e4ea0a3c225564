/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The way every write goes (pb-save-flow.h), in the window against the demo server: the
 * preview and what Cancel sends (nothing), Save and the new revision in the list, a create,
 * a preview of nothing, secrets masked until shown, the production guard, and a conflict
 * with each of its answers. */
#define G_LOG_DOMAIN "test-save-flow"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "pb-connection-draft.h"
#include "pb-diff-view.h"
#include "pb-save-conflict.h"
#include "pb-save-flow.h"
#include "pb-save-preview.h"
#include "pb-test-write.h"
#include "test-window-fixture.h"

#define WEATHER "Weather Data System"
#define NEW_URL "https://weather.example.org/v2/now?city=${city}"
#define SECRET "s3cr3t-Value-1234"

/* {{{ Helpers */

/* Starts the flow on the window's selection, as the editor's Save does, and waits for the
 * preview. */
static PbSavePreview *
start_flow (Fixture           *fixture,
            PbConnectionDraft *draft,
            PbSaveKind         kind,
            gboolean           production,
            PbTestWaiter      *waiter)
{
  pb_save_flow_run_async (GTK_WIDGET (fixture->window), pb_window_get_store (fixture->window),
                          production, draft, kind, NULL, pb_test_waiter_cb, waiter);

  return pb_test_wait_for_toplevel (PB_TYPE_SAVE_PREVIEW);
}

static PbConnection *
finish_flow (PbTestWaiter *waiter,
             GError      **error)
{
  return pb_save_flow_run_finish (pb_test_waiter_wait (waiter), error);
}

/* The whole body, as Show Request Body shows it. */
static char *
preview_body (PbSavePreview *preview)
{
  GtkWidget *row = pb_test_find_by_type (GTK_WIDGET (preview), ADW_TYPE_EXPANDER_ROW);

  g_assert_nonnull (row);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  pb_test_spin (100);

  return pb_test_text_view_text (GTK_WIDGET (preview));
}

/* Whether any label at or below root, mapped or not, holds `text`. */
static gboolean
has_label_with (GtkWidget  *root,
                const char *text)
{
  g_autoptr(GPtrArray) labels = pb_test_find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_text (g_ptr_array_index (labels, i)), text) != NULL)
      return TRUE;

  return FALSE;
}

static PbConnectionDraft *
weather_draft_with_new_url (PbConnection *weather)
{
  PbConnectionDraft *draft = pb_connection_draft_new_for_connection (weather);

  pb_connection_draft_set_text (draft, PB_DRAFT_CONNECTION_URL, NEW_URL);

  return draft;
}

/* Whether the label at or below root reading exactly `text` is struck through (the value
 * before, told apart without colours). */
static gboolean
struck_through (GtkWidget  *root,
                const char *text)
{
  g_autoptr(GPtrArray) labels = pb_test_find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);
      PangoAttrList *attrs = gtk_label_get_attributes (label);
      g_autoptr(PangoAttrIterator) iter = NULL;
      PangoAttrInt *strike;

      if (g_strcmp0 (gtk_label_get_text (label), text) != 0)
        continue;
      if (attrs == NULL)
        return FALSE;
      iter = pango_attr_list_get_iterator (attrs);
      strike = (PangoAttrInt *) pango_attr_iterator_get (iter, PANGO_ATTR_STRIKETHROUGH);
      return strike != NULL && strike->value;
    }
  g_error ("No label reads “%s”", text);
}

/* }}} */

/* The preview says what changes, where; Cancel sends nothing and keeps the draft. */
static void
test_preview_cancel_sends_nothing (Fixture       *fixture,
                                   gconstpointer  data)
{
  PbConnection *weather = pb_test_window_select (fixture->window, fixture->client, WEATHER);
  g_autoptr(PbConnectionDraft) draft = weather_draft_with_new_url (weather);
  g_auto(PbTestWaiter) waiter = { 0 };
  g_autoptr(GError) error = NULL;
  PbSavePreview *preview;
  guint requests;

  pb_window_set_subtitle (fixture->window, "Demo Data");
  requests = pb_demo_server_get_n_requests (fixture->server);
  preview = start_flow (fixture, draft, PB_SAVE_EDIT, FALSE, &waiter);

  g_assert_true (pb_test_shows_text (GTK_WIDGET (preview),
                                     "Save Changes to “Weather Data System”?", TRUE));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (preview), "Demo Data", FALSE));
  /* One field: the URL, from the old one to the new. */
  g_assert_cmpuint (pb_save_preview_get_n_changes (preview), ==, 1);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (preview), NEW_URL, TRUE));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (preview),
                                     pb_connection_get_connection_url (weather), TRUE));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (preview), "Changed", TRUE));
  g_assert_true (struck_through (GTK_WIDGET (preview), pb_connection_get_connection_url (weather)));
  g_assert_false (struck_through (GTK_WIDGET (preview), NEW_URL));
  g_assert_nonnull (pb_test_find_button (GTK_WIDGET (preview), "_Save"));

  pb_test_click_label (GTK_WIDGET (preview), "_Cancel");
  g_assert_null (finish_flow (&waiter, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  pb_test_wait_for_no_toplevel (PB_TYPE_SAVE_PREVIEW);

  /* Nothing went to the server; the user's edit is still there. */
  g_assert_cmpuint (pb_demo_server_get_n_requests (fixture->server), ==, requests);
  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_CONNECTION_URL), ==, NEW_URL);
  g_assert_cmpint (pb_connection_get_revision (weather), ==, 4);
}

#define WARNING "Check before copying: the URL calls the other account."

/* What to check before confirming is in the preview of one write and in a batch's, with the
 * differences; the batch's button looks as the one of one write. */
static void
test_draft_warning_shown (Fixture       *fixture,
                          gconstpointer  data)
{
  PbConnection *weather = pb_test_window_select (fixture->window, fixture->client, WEATHER);
  g_autoptr(PbConnectionDraft) draft = weather_draft_with_new_url (weather);
  g_autoptr(GPtrArray) drafts = g_ptr_array_new ();
  g_auto(PbTestWaiter) waiter = { 0 };
  g_auto(PbTestWaiter) batch_waiter = { 0 };
  g_autoptr(GError) error = NULL;
  const char *notes[] = { "“Other” not copied: a reason.", NULL };
  PbSavePreview *preview;
  GtkWidget *batch;

  pb_save_flow_set_draft_warning (draft, WARNING);
  g_assert_cmpstr (pb_save_flow_get_draft_warning (draft), ==, WARNING);
  preview = start_flow (fixture, draft, PB_SAVE_EDIT, TRUE, &waiter);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (preview), WARNING, FALSE));
  pb_test_click_label (GTK_WIDGET (preview), "_Cancel");
  g_assert_null (finish_flow (&waiter, &error));
  pb_test_wait_for_no_toplevel (PB_TYPE_SAVE_PREVIEW);

  g_ptr_array_add (drafts, draft);
  pb_save_flow_confirm_batch_async (GTK_WIDGET (fixture->window), TRUE, PB_SAVE_PROMOTE, drafts,
                                    notes, NULL, pb_test_waiter_cb, &batch_waiter);
  batch = pb_test_wait_for_toplevel (PB_TYPE_SAVE_BATCH_PREVIEW);
  g_assert_true (pb_test_shows_text (batch, WARNING, TRUE));
  g_assert_true (pb_test_shows_text (batch, "Not Copied", TRUE));
  g_assert_true (pb_test_shows_text (batch, notes[0], TRUE));
  g_assert_true (gtk_widget_has_css_class (pb_test_find_button (batch, "_Copy"),
                                           "suggested-action"));
  pb_test_click_label (batch, "_Cancel");
  g_clear_error (&error);
  g_assert_false (pb_save_flow_confirm_batch_finish (pb_test_waiter_wait (&batch_waiter),
                                                     &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  pb_test_wait_for_no_toplevel (PB_TYPE_SAVE_BATCH_PREVIEW);
}

/* Save writes: the list shows the new revision and the new URL. */
static void
test_save_writes_new_revision (Fixture       *fixture,
                               gconstpointer  data)
{
  PbConnection *weather = pb_test_window_select (fixture->window, fixture->client, WEATHER);
  g_autoptr(PbConnectionDraft) draft = weather_draft_with_new_url (weather);
  g_auto(PbTestWaiter) waiter = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConnection) saved = NULL;
  g_autofree char *ref = g_strdup (pb_connection_get_ref (weather));
  PbSavePreview *preview;
  PbConnection *listed;

  preview = start_flow (fixture, draft, PB_SAVE_EDIT, FALSE, &waiter);
  pb_test_click_label (GTK_WIDGET (preview), "_Save");
  saved = finish_flow (&waiter, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  pb_test_wait_for_no_toplevel (PB_TYPE_SAVE_PREVIEW);

  g_assert_cmpint (pb_connection_get_revision (saved), ==, 5);
  g_assert_cmpstr (pb_connection_get_connection_url (saved), ==, NEW_URL);
  listed = pb_test_window_find (fixture->window, ref);
  g_assert_nonnull (listed);
  g_assert_cmpint (pb_connection_get_revision (listed), ==, 5);
  g_assert_cmpstr (pb_connection_get_connection_url (listed), ==, NEW_URL);

  /* The server has it: read again, the same. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.reload-connection", NULL);
  pb_test_wait_until_idle (fixture->window, 200);
  listed = pb_test_window_find (fixture->window, ref);
  g_assert_cmpint (pb_connection_get_revision (listed), ==, 5);
  g_assert_cmpstr (pb_connection_get_connection_url (listed), ==, NEW_URL);
}

/* A new connection: every field is new, and Create adds it to the list. */
static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(PbConnectionDraft) draft = pb_connection_draft_new ("DATA_SYSTEM");
  g_auto(PbTestWaiter) waiter = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConnection) created = NULL;
  PbSavePreview *preview;
  guint before;

  pb_test_window_select (fixture->window, fixture->client, WEATHER);
  before = g_list_model_get_n_items (G_LIST_MODEL (pb_window_get_store (fixture->window)));
  pb_connection_draft_set_text (draft, PB_DRAFT_NAME, "Tide Tables");
  pb_connection_draft_set_text (draft, PB_DRAFT_CONNECTION_URL, "https://tides.example.com/");

  preview = start_flow (fixture, draft, PB_SAVE_CREATE, FALSE, &waiter);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (preview), "Create “Tide Tables”?", TRUE));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (preview), "Every field is new", FALSE));
  g_assert_cmpuint (pb_save_preview_get_n_changes (preview), >=, 3);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (preview), "Added", TRUE));
  g_assert_false (pb_test_shows_text (GTK_WIDGET (preview), "Changed", TRUE));

  pb_test_click_label (GTK_WIDGET (preview), "_Create");
  created = finish_flow (&waiter, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pb_connection_get_ref (created));
  g_assert_cmpstr (pb_connection_get_name (created), ==, "Tide Tables");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pb_window_get_store (fixture->window))),
                    ==, before + 1);
  g_assert_nonnull (pb_test_window_find (fixture->window, pb_connection_get_ref (created)));
}

/* A duplicate of an OAuth destination: the preview words its fields as the form and its values
 * as the page do, leaves out the default "Archived: No", and says the copy has no client
 * secret until one is typed. */
static void
test_create_words (Fixture       *fixture,
                   gconstpointer  data)
{
  PbConnection *points = pb_test_window_select (fixture->window, fixture->client,
                                                "Treuepunkte gutschreiben – Österreich & Südtirol");
  g_autoptr(PbConnectionDraft) draft = pb_connection_draft_new_duplicate (points);
  g_auto(PbTestWaiter) waiter = { 0 };
  g_autoptr(GError) error = NULL;
  GtkWidget *root;
  PbSavePreview *preview;

  preview = start_flow (fixture, draft, PB_SAVE_CREATE, FALSE, &waiter);
  root = GTK_WIDGET (preview);
  g_assert_true (pb_test_shows_text (root, "Destination", TRUE));
  g_assert_true (pb_test_shows_text (root, "OAuth 2.0", TRUE));
  g_assert_true (pb_test_shows_text (root, "Token URL", TRUE));
  g_assert_true (pb_test_shows_text (root, "No", TRUE));
  g_assert_false (pb_test_shows_text (root, "DESTINATION", TRUE));
  g_assert_false (pb_test_shows_text (root, "OAUTH", TRUE));
  g_assert_false (pb_test_shows_text (root, "false", TRUE));
  g_assert_false (pb_test_shows_text (root, "Access Token URL", TRUE));
  g_assert_false (pb_test_shows_text (root, "Archived", TRUE));
  /* The timeouts as the page says them. */
  g_assert_true (pb_test_shows_text (root, "5 seconds", TRUE));
  g_assert_false (pb_test_shows_text (root, "5000", TRUE));
  g_assert_true (pb_test_shows_text (root, "no client secret until you type one", FALSE));

  pb_test_click_label (root, "_Cancel");
  g_assert_null (finish_flow (&waiter, &error));
  pb_test_wait_for_no_toplevel (PB_TYPE_SAVE_PREVIEW);

  /* With a secret typed, nothing to say. */
  g_clear_error (&error);
  pb_test_waiter_clear (&waiter);
  pb_connection_draft_set_text (draft, PB_DRAFT_AUTH_CLIENT_SECRET, SECRET);
  preview = start_flow (fixture, draft, PB_SAVE_CREATE, FALSE, &waiter);
  g_assert_false (pb_test_shows_text (GTK_WIDGET (preview), "no client secret", FALSE));
  pb_test_click_label (GTK_WIDGET (preview), "_Cancel");
  g_assert_null (finish_flow (&waiter, &error));
  pb_test_wait_for_no_toplevel (PB_TYPE_SAVE_PREVIEW);
}

/* A draft with no change: the preview says so and offers no Save. */
static void
test_nothing_changed (Fixture       *fixture,
                      gconstpointer  data)
{
  PbConnection *weather = pb_test_window_select (fixture->window, fixture->client, WEATHER);
  g_autoptr(PbConnectionDraft) draft = pb_connection_draft_new_for_connection (weather);
  g_auto(PbTestWaiter) waiter = { 0 };
  g_autoptr(GError) error = NULL;
  PbSavePreview *preview;

  preview = start_flow (fixture, draft, PB_SAVE_EDIT, FALSE, &waiter);
  g_assert_cmpuint (pb_save_preview_get_n_changes (preview), ==, 0);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (preview), "Nothing changed", FALSE));
  g_assert_null (pb_test_find_button (GTK_WIDGET (preview), "_Save"));
  g_assert_nonnull (pb_test_find_button (GTK_WIDGET (preview), "_Close"));

  gtk_window_close (GTK_WINDOW (preview));
  g_assert_null (finish_flow (&waiter, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Secret-looking values are masked in the differences and the body until Show Secrets. */
static void
test_secrets_masked (Fixture       *fixture,
                     gconstpointer  data)
{
  PbConnection *weather = pb_test_window_select (fixture->window, fixture->client, WEATHER);
  g_autoptr(PbConnectionDraft) draft = pb_connection_draft_new_for_connection (weather);
  g_auto(PbTestWaiter) waiter = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *revealed = NULL;
  PbSavePreview *preview;
  PbDraftRow *row;

  row = pb_connection_draft_insert_row (draft, PB_DRAFT_TABLE_CUSTOM_HEADERS, 0);
  pb_draft_row_set (row, "name", "X-Api-Key");
  pb_draft_row_set (row, "value", SECRET);

  preview = start_flow (fixture, draft, PB_SAVE_EDIT, FALSE, &waiter);
  g_assert_cmpuint (pb_save_preview_get_n_changes (preview), ==, 1);
  g_assert_false (has_label_with (GTK_WIDGET (preview), SECRET));
  g_assert_true (has_label_with (GTK_WIDGET (preview), "••••••"));
  body = preview_body (preview);
  g_assert_null (strstr (body, SECRET));
  g_assert_nonnull (strstr (body, "X-Api-Key"));

  /* Shown: in both. */
  g_assert_nonnull (pb_test_find_widget (GTK_WIDGET (preview), GTK_TYPE_SWITCH, NULL, NULL));
  gtk_widget_activate_action (GTK_WIDGET (preview), "preview.reveal-secrets", NULL);
  g_assert_true (pb_save_preview_get_reveal_secrets (preview));
  g_assert_true (has_label_with (GTK_WIDGET (preview), SECRET));
  revealed = preview_body (preview);
  g_assert_nonnull (strstr (revealed, SECRET));

  pb_test_click_label (GTK_WIDGET (preview), "_Cancel");
  g_assert_null (finish_flow (&waiter, &error));
}

/* In a production account, the name must be typed exactly before anything is sent. */
static void
test_production_guard (Fixture       *fixture,
                       gconstpointer  data)
{
  PbConnection *weather = pb_test_window_select (fixture->window, fixture->client, WEATHER);
  g_autoptr(PbConnectionDraft) draft = weather_draft_with_new_url (weather);
  g_auto(PbTestWaiter) waiter = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConnection) saved = NULL;
  PbSavePreview *preview;
  GtkWidget *guard;
  guint requests;

  requests = pb_demo_server_get_n_requests (fixture->server);
  preview = start_flow (fixture, draft, PB_SAVE_EDIT, TRUE, &waiter);
  pb_test_click_label (GTK_WIDGET (preview), "_Save");
  guard = pb_test_wait_for_question (GTK_WIDGET (preview));
  /* A question of what happens, where. */
  g_assert_true (pb_test_shows_text (guard, "Save to Production?", TRUE));
  g_assert_false (pb_test_guard_can_confirm (guard));

  /* Near is not enough: another case, a space more, a part. */
  pb_test_guard_type (guard, "weather data system");
  g_assert_false (pb_test_guard_can_confirm (guard));
  pb_test_guard_type (guard, WEATHER " ");
  g_assert_false (pb_test_guard_can_confirm (guard));
  pb_test_guard_type (guard, "Weather");
  g_assert_false (pb_test_guard_can_confirm (guard));
  g_assert_cmpuint (pb_demo_server_get_n_requests (fixture->server), ==, requests);

  /* Cancel goes back to the preview, still without sending. */
  pb_test_question_respond (guard, "cancel");
  g_assert_true (pb_test_find_toplevel (PB_TYPE_SAVE_PREVIEW) == preview);
  g_assert_cmpuint (pb_demo_server_get_n_requests (fixture->server), ==, requests);

  /* Each write asks again. */
  pb_test_click_label (GTK_WIDGET (preview), "_Save");
  guard = pb_test_wait_for_question (GTK_WIDGET (preview));
  g_assert_false (pb_test_guard_can_confirm (guard));
  pb_test_guard_type (guard, WEATHER);
  g_assert_true (pb_test_guard_can_confirm (guard));
  pb_test_question_respond (guard, "confirm");

  saved = finish_flow (&waiter, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pb_connection_get_revision (saved), ==, 5);
  g_assert_cmpstr (pb_connection_get_connection_url (saved), ==, NEW_URL);
}

/* {{{ Conflicts */

/* Starts a save of the new URL, changes `member` on the server meanwhile, and returns the
 * conflict window the save meets. */
static PbSaveConflict *
save_into_conflict (Fixture           *fixture,
                    PbConnectionDraft *draft,
                    PbConnection      *weather,
                    const char        *member,
                    const char        *value,
                    PbTestWaiter      *waiter)
{
  PbSavePreview *preview = start_flow (fixture, draft, PB_SAVE_EDIT, FALSE, waiter);

  pb_test_server_change (fixture->server, weather, member, value);
  pb_test_click_label (GTK_WIDGET (preview), "_Save");

  return pb_test_wait_for_toplevel (PB_TYPE_SAVE_CONFLICT);
}

static void
test_conflict_reapply (Fixture       *fixture,
                       gconstpointer  data)
{
  PbConnection *weather = pb_test_window_select (fixture->window, fixture->client, WEATHER);
  g_autoptr(PbConnectionDraft) draft = weather_draft_with_new_url (weather);
  g_auto(PbTestWaiter) waiter = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConnection) saved = NULL;
  PbSaveConflict *conflict;
  PbSavePreview *preview;

  conflict = save_into_conflict (fixture, draft, weather, "description", "Changed by a colleague",
                                 &waiter);
  /* Who and what: their change, and mine beside it. */
  g_assert_true (pb_test_shows_text (GTK_WIDGET (conflict), "someone-else", FALSE));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (conflict), "Changed by a colleague", TRUE));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (conflict), NEW_URL, TRUE));
  g_assert_true (pb_save_conflict_get_can_reapply (conflict));

  pb_test_click_label (GTK_WIDGET (conflict), "_Re-apply My Changes");
  pb_test_wait_for_no_toplevel (PB_TYPE_SAVE_CONFLICT);
  preview = pb_test_wait_for_toplevel (PB_TYPE_SAVE_PREVIEW);
  /* Compared with the version now on the server: only my change. */
  g_assert_cmpuint (pb_save_preview_get_n_changes (preview), ==, 1);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (preview), NEW_URL, TRUE));
  pb_test_click_label (GTK_WIDGET (preview), "_Save");

  saved = finish_flow (&waiter, &error);
  g_assert_no_error (error);
  /* Both: theirs kept, mine applied, over their revision. */
  g_assert_cmpint (pb_connection_get_revision (saved), ==, 6);
  g_assert_cmpstr (pb_connection_get_description (saved), ==, "Changed by a colleague");
  g_assert_cmpstr (pb_connection_get_connection_url (saved), ==, NEW_URL);
}

/* How many mapped labels at or below `root` read exactly `text`. */
static guint
count_labels (GtkWidget  *root,
              const char *text)
{
  g_autoptr(GPtrArray) labels = pb_test_find_all (root, GTK_TYPE_LABEL);
  guint n = 0;

  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (labels, i)) &&
        g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)), text) == 0)
      n++;

  return n;
}

#define CONFLICT_UUID "4f0c2b7e-9a51-4c1d-8e3b-2d6f7a9b0c11"

/* Someone known by an id only is "someone else" (the id in the tooltip); the title shows once;
 * the choices are in view without scrolling; a field both changed shows as lines on both
 * sides when it is long on one. */
static void
test_conflict_words (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *base = "{\"name\": \"Tides\", \"requestBody\": \"a\"}";
  const char *mine = "{\"name\": \"Tides\", \"requestBody\": \"{\\n  \\\"q\\\": 1\\n}\"}";
  const char *theirs = "{\"name\": \"Tides\", \"requestBody\": \"b\", "
                       "\"modifiedAt\": \"2026-12-05T19:43:00.000Z\", "
                       "\"modifiedByRef\": \"" CONFLICT_UUID "\"}";
  PbSaveConflict *conflict = pb_save_conflict_new (GTK_WINDOW (fixture->window), base, mine,
                                                   theirs);
  GtkWidget *root = GTK_WIDGET (conflict);
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GPtrArray) line_diffs = NULL;
  gboolean id_in_tooltip = FALSE;
  guint n_line_diffs = 0;

  gtk_window_present (GTK_WINDOW (conflict));
  pb_test_spin (100);

  g_assert_true (pb_test_shows_text (root, "was changed by someone else on ", FALSE));
  g_assert_false (pb_test_shows_text (root, CONFLICT_UUID, FALSE));
  labels = pb_test_find_all (root, GTK_TYPE_LABEL);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *tooltip = gtk_widget_get_tooltip_text (g_ptr_array_index (labels, i));

      id_in_tooltip |= tooltip != NULL && strstr (tooltip, CONFLICT_UUID) != NULL;
    }
  g_assert_true (id_in_tooltip);

  g_assert_cmpuint (count_labels (root, "Changed on the Server"), ==, 1);
  g_assert_null (gtk_widget_get_ancestor (pb_test_find_button (root, "_Overwrite"),
                                          GTK_TYPE_SCROLLED_WINDOW));
  g_assert_null (gtk_widget_get_ancestor (pb_test_find_button (root, "_Cancel"),
                                          GTK_TYPE_SCROLLED_WINDOW));

  line_diffs = pb_test_find_all (root, GTK_TYPE_BOX);
  for (guint i = 0; i < line_diffs->len; i++)
    n_line_diffs += gtk_widget_has_css_class (g_ptr_array_index (line_diffs, i), "pb-diff-lines");
  g_assert_cmpuint (n_line_diffs, ==, 2);

  gtk_window_destroy (GTK_WINDOW (conflict));
  pb_test_wait_for_no_toplevel (PB_TYPE_SAVE_CONFLICT);
}

static void
test_conflict_overwrite (Fixture       *fixture,
                         gconstpointer  data)
{
  PbConnection *weather = pb_test_window_select (fixture->window, fixture->client, WEATHER);
  g_autoptr(PbConnectionDraft) draft = weather_draft_with_new_url (weather);
  g_auto(PbTestWaiter) waiter = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConnection) saved = NULL;
  PbSaveConflict *conflict;
  PbSavePreview *preview;

  /* The same field: no re-apply. */
  conflict = save_into_conflict (fixture, draft, weather, "request.connectionUrl",
                                 "https://colleague.example.com/", &waiter);
  g_assert_false (pb_save_conflict_get_can_reapply (conflict));
  g_assert_null (pb_test_find_button (GTK_WIDGET (conflict), "_Re-apply My Changes"));

  pb_test_click_label (GTK_WIDGET (conflict), "_Overwrite");
  preview = pb_test_wait_for_toplevel (PB_TYPE_SAVE_PREVIEW);
  /* What it replaces: their URL, by mine. */
  g_assert_true (pb_test_shows_text (GTK_WIDGET (preview), "https://colleague.example.com/",
                                     TRUE));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (preview), NEW_URL, TRUE));
  pb_test_click_label (GTK_WIDGET (preview), "_Save");

  saved = finish_flow (&waiter, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pb_connection_get_connection_url (saved), ==, NEW_URL);
  g_assert_cmpint (pb_connection_get_revision (saved), ==, 6);
}

static void
test_conflict_cancel (Fixture       *fixture,
                      gconstpointer  data)
{
  PbConnection *weather = pb_test_window_select (fixture->window, fixture->client, WEATHER);
  g_autoptr(PbConnectionDraft) draft = weather_draft_with_new_url (weather);
  g_autofree char *ref = g_strdup (pb_connection_get_ref (weather));
  g_auto(PbTestWaiter) waiter = { 0 };
  g_autoptr(GError) error = NULL;
  PbSaveConflict *conflict;
  PbConnection *listed;

  conflict = save_into_conflict (fixture, draft, weather, "description", "Theirs", &waiter);
  pb_test_click_label (GTK_WIDGET (conflict), "_Cancel");
  g_assert_null (finish_flow (&waiter, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_CONNECTION_URL), ==, NEW_URL);

  /* The server keeps their version only. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.reload-connection", NULL);
  pb_test_wait_until_idle (fixture->window, 200);
  listed = pb_test_window_find (fixture->window, ref);
  g_assert_cmpstr (pb_connection_get_description (listed), ==, "Theirs");
  g_assert_cmpstr (pb_connection_get_connection_url (listed), !=, NEW_URL);
  g_assert_cmpint (pb_connection_get_revision (listed), ==, 5);
}

/* }}} */

/* {{{ Failures */

/* The server refuses: the flow ends with its error, nothing changes, the edit stays. */
static void
test_write_refused (Fixture       *fixture,
                    gconstpointer  data)
{
  PbConnection *weather = pb_test_window_select (fixture->window, fixture->client, WEATHER);
  g_autoptr(PbConnectionDraft) draft = weather_draft_with_new_url (weather);
  g_autoptr(GError) error = NULL;
  g_autoptr(PbConnection) saved = NULL;

  pb_demo_server_fail_next_write (fixture->server, PB_DEMO_WRITE_FAIL_STATUS, 400);
  saved = pb_test_run_flow (fixture->window, draft, PB_SAVE_EDIT, "_Save", &error);
  g_assert_null (saved);
  g_assert_error (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_REJECTED);
  pb_test_wait_for_no_toplevel (PB_TYPE_SAVE_PREVIEW);

  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_CONNECTION_URL), ==, NEW_URL);
  g_assert_cmpint (pb_connection_get_revision (weather), ==, 4);
  g_assert_cmpstr (pb_connection_get_connection_url (weather), !=, NEW_URL);
}

/* The connection drops after the body went out, and reading again cannot tell: the flow says
 * so and offers Reload, which shows what the server has. */
static void
test_write_uncertain (Fixture       *fixture,
                      gconstpointer  data)
{
  PbConnection *weather = pb_test_window_select (fixture->window, fixture->client, WEATHER);
  g_autoptr(PbConnectionDraft) draft = weather_draft_with_new_url (weather);
  g_autofree char *ref = g_strdup (pb_connection_get_ref (weather));
  g_auto(PbTestWaiter) waiter = { 0 };
  g_autoptr(GError) error = NULL;
  PbSavePreview *preview;
  GtkWidget *question;
  PbConnection *listed;

  pb_demo_server_fail_next_write (fixture->server, PB_DEMO_WRITE_DROP_AFTER_CHANGE, 0);
  preview = start_flow (fixture, draft, PB_SAVE_EDIT, FALSE, &waiter);
  pb_test_click_label (GTK_WIDGET (preview), "_Save");

  question = pb_test_wait_for_question (GTK_WIDGET (fixture->window));
  g_assert_true (pb_test_shows_text (question, "Sent, but Not Confirmed", TRUE));
  g_assert_null (pb_test_find_toplevel (PB_TYPE_SAVE_PREVIEW));
  pb_test_question_respond (question, "reload");

  g_assert_null (finish_flow (&waiter, &error));
  g_assert_error (error, PB_STORE_ERROR, PB_STORE_ERROR_UNCERTAIN);
  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_CONNECTION_URL), ==, NEW_URL);

  /* Reloaded: the colleague's version, not ours. */
  pb_test_wait_until_idle (fixture->window, 300);
  listed = pb_test_window_find (fixture->window, ref);
  g_assert_cmpint (pb_connection_get_revision (listed), ==, 5);
  g_assert_cmpstr (pb_connection_get_connection_url (listed), !=, NEW_URL);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  fixture_init (&argc, &argv);

  fixture_add ("/save-flow/preview-cancel-sends-nothing", test_preview_cancel_sends_nothing);
  fixture_add ("/save-flow/save-writes-new-revision", test_save_writes_new_revision);
  fixture_add ("/save-flow/create", test_create);
  fixture_add ("/save-flow/draft-warning-shown", test_draft_warning_shown);
  fixture_add ("/save-flow/create-words", test_create_words);
  fixture_add ("/save-flow/nothing-changed", test_nothing_changed);
  fixture_add ("/save-flow/secrets-masked", test_secrets_masked);
  fixture_add ("/save-flow/production-guard", test_production_guard);
  fixture_add ("/save-flow/conflict-reapply", test_conflict_reapply);
  fixture_add ("/save-flow/conflict-words", test_conflict_words);
  fixture_add ("/save-flow/conflict-overwrite", test_conflict_overwrite);
  fixture_add ("/save-flow/conflict-cancel", test_conflict_cancel);
  fixture_add ("/save-flow/write-refused", test_write_refused);
  fixture_add ("/save-flow/write-uncertain", test_write_uncertain);

  return g_test_run ();
}
