/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The edit form in the window, against the demo server: Edit, New Connection and Duplicate
 * open it with the right values; what is typed goes into the draft; the checks show under
 * their fields and keep Save off; rows are added, removed and moved; leaving with changes
 * asks; Test runs on the edited object. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "pb-cache.h"
#include "pb-connection.h"
#include "pb-connection-editor.h"
#include "pb-connection-page.h"
#include "pb-test-dialog.h"
#include "pb-test-ui.h"
#include "pb-test-write.h"
#include "test-window-fixture.h"

#define NAME "Abandoned Cart Reminder"

static gboolean
row_title_is (GtkWidget     *widget,
              gconstpointer  title)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static GtkWidget *
find_save_button (PbConnectionEditor *editor)
{
  GtkWidget *button = pb_test_find_accessible (GTK_WIDGET (editor), GTK_TYPE_BUTTON, "Save");

  g_assert_nonnull (button);
  return button;
}

/* Lets the checks that follow a change run (they wait for the main loop to be idle). */
static void
settle (Fixture *fixture)
{
  pb_test_wait_until_idle (fixture->window, 50);
}

static PbConnectionEditor *
open_editor (Fixture    *fixture,
             const char *name)
{
  PbConnectionEditor *editor;

  pb_test_window_select (fixture->window, fixture->client, name);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.edit", NULL));
  settle (fixture);
  editor = pb_test_find_editor (fixture->window);
  g_assert_nonnull (editor);

  return editor;
}

static gboolean
action_enabled (Fixture    *fixture,
                const char *action)
{
  GtkWidget *button = gtk_button_new ();
  gboolean enabled;

  /* A widget of the window with the action: its sensitivity is the action's. */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  adw_header_bar_pack_start (ADW_HEADER_BAR (pb_test_find_by_type (GTK_WIDGET (fixture->window),
                                                                   ADW_TYPE_HEADER_BAR)),
                             button);
  enabled = gtk_widget_is_sensitive (button);
  gtk_widget_unparent (button);

  return enabled;
}

/* The sentence the draft's check has for `field`. */
static char *
draft_problem (PbConnectionDraft *draft,
               PbDraftField       field)
{
  g_autoptr(GPtrArray) problems = pb_connection_draft_check (draft);

  for (guint i = 0; i < problems->len; i++)
    {
      PbDraftProblem *problem = g_ptr_array_index (problems, i);

      if (problem->field == (int) field)
        return g_strdup (problem->message);
    }

  return NULL;
}

static void
test_edit_opens_with_values (Fixture       *fixture,
                             gconstpointer  data)
{
  PbConnection *connection = pb_test_window_select (fixture->window, fixture->client, NAME);
  PbConnectionEditor *editor;
  GtkWidget *name_row;
  GtkWidget *focus;
  g_autofree char *timeout = NULL;

  g_assert_true (action_enabled (fixture, "win.edit"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.edit", NULL));
  settle (fixture);

  editor = pb_test_find_editor (fixture->window);
  g_assert_nonnull (editor);
  g_assert_cmpint (pb_connection_editor_get_mode (editor), ==, PB_EDITOR_MODE_EDIT);
  g_assert_false (pb_connection_draft_is_new (pb_connection_editor_get_draft (editor)));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (editor), "Edit Connection", TRUE));

  /* Its values, in place of the page. */
  name_row = pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "Name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, NAME);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "URL"))),
                   ==, pb_connection_get_connection_url (connection));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "Client ID"))),
                   ==, pb_connection_get_auth_client_id (connection));
  timeout = g_strdup_printf ("%" G_GINT64_FORMAT, pb_connection_get_connection_timeout (connection));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "Connection Timeout"))),
                   ==, timeout);
  /* The secret is never returned: the field is empty and says so. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pb_test_editor_row (editor, ADW_TYPE_PASSWORD_ENTRY_ROW, "Client Secret"))),
                   ==, "");
  g_assert_true (pb_test_shows_text (GTK_WIDGET (editor),
                                     "Never shown by Sitecore: type one only to change it.", TRUE));
  /* The system type of a saved connection is shown, not chosen. */
  g_assert_null (pb_test_find_widget (GTK_WIDGET (editor), ADW_TYPE_COMBO_ROW, row_title_is,
                                      "System Type"));
  g_assert_nonnull (pb_test_find_widget (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW, row_title_is,
                                         "System Type"));
  g_assert_false (gtk_widget_get_mapped (pb_test_find_by_type (GTK_WIDGET (fixture->window),
                                                               PB_TYPE_CONNECTION_PAGE)));

  /* The keyboard starts in the first field; the list waits. */
  focus = gtk_window_get_focus (GTK_WINDOW (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (focus == name_row || gtk_widget_is_ancestor (focus, name_row));
  g_assert_false (action_enabled (fixture, "win.edit"));
  g_assert_false (action_enabled (fixture, "win.new-connection"));

  /* Unchanged, Cancel leaves at once. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  settle (fixture);
  g_assert_null (pb_test_find_alert (GTK_WIDGET (fixture->window)));
  g_assert_null (pb_test_find_editor (fixture->window));
  g_assert_true (gtk_widget_get_mapped (pb_test_find_by_type (GTK_WIDGET (fixture->window),
                                                              PB_TYPE_CONNECTION_PAGE)));
  g_assert_true (action_enabled (fixture, "win.edit"));
}

static void
test_typing_changes_draft (Fixture       *fixture,
                           gconstpointer  data)
{
  PbConnectionEditor *editor = open_editor (fixture, NAME);
  PbConnectionDraft *draft = pb_connection_editor_get_draft (editor);
  GtkWidget *body;
  GtkWidget *method;
  GtkWidget *mtls;

  g_assert_false (pb_connection_draft_is_modified (draft));

  gtk_editable_set_text (GTK_EDITABLE (pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "URL")),
                         "https://api.mail.example.com/v4/send");
  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_CONNECTION_URL), ==,
                   "https://api.mail.example.com/v4/send");
  gtk_editable_set_text (GTK_EDITABLE (pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "Name")),
                         "Cart Reminder");
  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_NAME), ==, "Cart Reminder");
  /* The title follows the name. */
  g_assert_true (pb_test_shows_text (GTK_WIDGET (editor), "Cart Reminder", TRUE));

  gtk_editable_set_text (GTK_EDITABLE (pb_test_editor_row (editor, ADW_TYPE_PASSWORD_ENTRY_ROW, "Client Secret")),
                         "s3cret");
  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_AUTH_CLIENT_SECRET), ==, "s3cret");

  body = pb_test_find_accessible (GTK_WIDGET (editor), GTK_TYPE_TEXT_VIEW, "Body");
  g_assert_nonnull (body);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (body)), "{\"a\": 1}", -1);
  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_REQUEST_BODY), ==, "{\"a\": 1}");

  method = pb_test_editor_row (editor, ADW_TYPE_COMBO_ROW, "Method");
  adw_combo_row_set_selected (ADW_COMBO_ROW (method), 2);
  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_REQUEST_TYPE), ==, "PUT");

  mtls = pb_test_find_accessible (GTK_WIDGET (editor), GTK_TYPE_SWITCH, "Mutual TLS");
  g_assert_nonnull (mtls);
  gtk_switch_set_active (GTK_SWITCH (mtls), !gtk_switch_get_active (GTK_SWITCH (mtls)));
  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_AUTH_USE_MUTUAL_TLS), ==,
                   gtk_switch_get_active (GTK_SWITCH (mtls)) ? "true" : "false");

  gtk_editable_set_text (GTK_EDITABLE (pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "Read Timeout")),
                         "2500");
  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_SOCKET_TIMEOUT), ==, "2500");
  g_assert_true (pb_connection_draft_is_modified (draft));

  /* Without OAuth, its fields go. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (pb_test_editor_row (editor, ADW_TYPE_COMBO_ROW,
                                                       "Authentication Type")), 0);
  settle (fixture);
  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_AUTH_TYPE), ==, "NONE");
  g_assert_null (pb_test_find_widget (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, row_title_is,
                                      "Client ID"));
  g_assert_false (pb_test_shows_text (GTK_WIDGET (editor), "Token Request Headers", TRUE));
}

static void
test_bad_url_disables_save (Fixture       *fixture,
                            gconstpointer  data)
{
  PbConnectionEditor *editor = open_editor (fixture, NAME);
  PbConnectionDraft *draft = pb_connection_editor_get_draft (editor);
  GtkWidget *url = pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "URL");
  GtkWidget *save = find_save_button (editor);
  g_autofree char *expected = NULL;
  g_autofree char *description = NULL;

  /* Nothing changed yet: nothing to save. */
  g_assert_false (gtk_widget_is_sensitive (save));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (save), ==, "Nothing changed yet.");
  g_assert_null (pb_test_editor_said_under (url));

  gtk_editable_set_text (GTK_EDITABLE (url), "not a url at all");
  settle (fixture);

  /* Its sentence right under it, as an error, and said with the field. */
  expected = draft_problem (draft, PB_DRAFT_CONNECTION_URL);
  g_assert_nonnull (expected);
  g_assert_cmpstr (pb_test_editor_said_under (url), ==, expected);
  g_assert_true (gtk_widget_has_css_class (url, "error"));
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (url),
                                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
  description = gtk_test_accessible_check_property (GTK_ACCESSIBLE (url),
                                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                    expected);
  g_assert_null (description);

  /* Save waits, and says why. */
  g_assert_true (pb_connection_draft_has_errors (draft));
  g_assert_cmpuint (pb_connection_editor_get_n_errors (editor), ==, 1);
  g_assert_false (gtk_widget_is_sensitive (save));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (save), ==, "Fix 1 problem to save.");

  /* Fixed: the sentence goes, Save comes back. */
  gtk_editable_set_text (GTK_EDITABLE (url), "https://api.mail.example.com/v3/mail/send2");
  settle (fixture);
  g_assert_null (pb_test_editor_said_under (url));
  g_assert_false (gtk_widget_has_css_class (url, "error"));
  g_assert_true (gtk_widget_is_sensitive (save));
  g_assert_cmpuint (pb_connection_editor_get_n_errors (editor), ==, 0);

  /* A name left empty is an error of its own. */
  gtk_editable_set_text (GTK_EDITABLE (pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "Name")), "");
  gtk_editable_set_text (GTK_EDITABLE (url), "");
  settle (fixture);
  g_assert_nonnull (pb_test_editor_said_under (pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "Name")));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (save), ==, "Fix 2 problems to save.");
  g_assert_true (pb_test_shows_text (GTK_WIDGET (editor), "Fix 2 problems to save.", TRUE));
}

/* A button of a row's actions, by what it says to a screen reader. */
static GtkWidget *
row_button (GtkWidget  *expander,
            const char *label)
{
  GPtrArray *buttons = pb_test_find_all (expander, GTK_TYPE_BUTTON);
  GtkWidget *found = NULL;

  for (guint i = 0; i < buttons->len && found == NULL; i++)
    {
      g_autofree char *name = pb_test_accessible_label (g_ptr_array_index (buttons, i));

      if (g_strcmp0 (name, label) == 0)
        found = g_ptr_array_index (buttons, i);
    }
  g_ptr_array_unref (buttons);
  g_assert_nonnull (found);

  return found;
}

static gboolean
row_has_problem (PbConnectionDraft *draft,
                 PbDraftTable       table,
                 int                row)
{
  g_autoptr(GPtrArray) problems = pb_connection_draft_check (draft);

  for (guint i = 0; i < problems->len; i++)
    {
      PbDraftProblem *problem = g_ptr_array_index (problems, i);

      if (problem->table == (int) table && problem->row == row)
        return TRUE;
    }

  return FALSE;
}

static const char *
header_name (PbConnectionDraft *draft,
             guint              position)
{
  GListModel *headers = pb_connection_draft_get_table (draft, PB_DRAFT_TABLE_CUSTOM_HEADERS);
  g_autoptr(PbDraftRow) row = g_list_model_get_item (headers, position);

  return pb_draft_row_get (row, "name");
}

static void
test_rows_add_remove_move (Fixture       *fixture,
                           gconstpointer  data)
{
  PbConnectionEditor *editor = open_editor (fixture, NAME);
  PbConnectionDraft *draft = pb_connection_editor_get_draft (editor);
  GListModel *headers = pb_connection_draft_get_table (draft, PB_DRAFT_TABLE_CUSTOM_HEADERS);
  guint n = g_list_model_get_n_items (headers);
  g_autoptr(GPtrArray) rows = pb_test_editor_table_rows (editor, "Headers");
  g_autoptr(GPtrArray) after = NULL;
  GtkWidget *add;
  GtkWidget *last;
  GtkWidget *focus;
  GtkWidget *name_entry;
  g_autofree char *first = NULL;

  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (rows->len, ==, n);
  first = g_strdup (header_name (draft, 0));
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==, first);

  /* Add: a row at the end, open, the keyboard in its first entry. */
  add = pb_test_find_accessible (GTK_WIDGET (editor), GTK_TYPE_BUTTON, "Add Header");
  g_assert_nonnull (add);
  pb_test_click (add);
  settle (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (headers), ==, n + 1);
  after = pb_test_editor_table_rows (editor, "Headers");
  g_assert_cmpuint (after->len, ==, n + 1);
  last = g_ptr_array_index (after, n);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (last)));
  name_entry = pb_test_editor_row (PB_CONNECTION_EDITOR (editor), ADW_TYPE_ENTRY_ROW, "Name");
  focus = gtk_window_get_focus (GTK_WINDOW (fixture->window));
  g_assert_true (gtk_widget_is_ancestor (focus, last));
  name_entry = gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW);
  /* The form scrolled to it. */
  pb_test_wait_until_idle (fixture->window, 200);
  {
    GtkWidget *scroller = gtk_widget_get_ancestor (name_entry, GTK_TYPE_SCROLLED_WINDOW);
    graphene_rect_t bounds;

    g_assert_true (gtk_widget_compute_bounds (name_entry, scroller, &bounds));
    g_assert_cmpfloat (bounds.origin.y, >=, 0);
    g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (scroller));
  }
  /* Empty, it has a problem, which its header shows even closed. */
  g_assert_true (row_has_problem (draft, PB_DRAFT_TABLE_CUSTOM_HEADERS, n));
  g_assert_nonnull (pb_test_find_accessible (last, GTK_TYPE_IMAGE, "Problem"));
  gtk_editable_set_text (GTK_EDITABLE (name_entry), "X-Trace");
  g_assert_cmpstr (header_name (draft, n), ==, "X-Trace");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (last)), ==, "X-Trace");

  /* Up: it moves in the draft, and the keyboard stays on the button. */
  pb_test_click (row_button (last, "Move Up"));
  settle (fixture);
  g_assert_cmpstr (header_name (draft, n - 1), ==, "X-Trace");
  g_clear_pointer (&after, g_ptr_array_unref);
  after = pb_test_editor_table_rows (editor, "Headers");
  focus = gtk_window_get_focus (GTK_WINDOW (fixture->window));
  g_assert_true (focus == row_button (g_ptr_array_index (after, n - 1), "Move Up"));
  /* The first cannot go up, the last cannot go down. */
  g_assert_false (gtk_widget_get_sensitive (row_button (g_ptr_array_index (after, 0), "Move Up")));
  g_assert_false (gtk_widget_get_sensitive (row_button (g_ptr_array_index (after, n), "Move Down")));

  /* Down again, then the first goes down. */
  pb_test_click (row_button (g_ptr_array_index (after, n - 1), "Move Down"));
  settle (fixture);
  g_assert_cmpstr (header_name (draft, n), ==, "X-Trace");
  g_clear_pointer (&after, g_ptr_array_unref);
  after = pb_test_editor_table_rows (editor, "Headers");
  adw_expander_row_set_expanded (g_ptr_array_index (after, 0), TRUE);
  settle (fixture);
  pb_test_click (row_button (g_ptr_array_index (after, 0), "Move Down"));
  settle (fixture);
  g_assert_cmpstr (header_name (draft, 1), ==, first);

  /* Remove: it goes from the draft, the keyboard goes to the row now in its place. */
  g_clear_pointer (&after, g_ptr_array_unref);
  after = pb_test_editor_table_rows (editor, "Headers");
  pb_test_click (row_button (g_ptr_array_index (after, 1), "Remove"));
  settle (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (headers), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (header_name (draft, i), !=, first);
  g_clear_pointer (&after, g_ptr_array_unref);
  after = pb_test_editor_table_rows (editor, "Headers");
  g_assert_cmpuint (after->len, ==, n);
  focus = gtk_window_get_focus (GTK_WINDOW (fixture->window));
  g_assert_true (focus == g_ptr_array_index (after, 1) ||
                 gtk_widget_is_ancestor (focus, g_ptr_array_index (after, 1)));

  /* Input mappings have their five columns. */
  g_clear_pointer (&after, g_ptr_array_unref);
  after = pb_test_editor_table_rows (editor, "Input Mappings");
  g_assert_cmpuint (after->len, ==, 2);
  adw_expander_row_set_expanded (g_ptr_array_index (after, 0), TRUE);
  settle (fixture);
  g_assert_nonnull (pb_test_find_widget (g_ptr_array_index (after, 0), ADW_TYPE_ENTRY_ROW,
                                         row_title_is, "Example Value"));
  g_assert_nonnull (pb_test_find_widget (g_ptr_array_index (after, 0), ADW_TYPE_ENTRY_ROW,
                                         row_title_is, "Mapping"));
}

static void
test_new_asks_kind (Fixture       *fixture,
                    gconstpointer  data)
{
  PbConnectionEditor *editor;
  PbConnectionDraft *draft;
  GtkWidget *alert;

  pb_test_window_select (fixture->window, fixture->client, NAME);
  g_assert_true (action_enabled (fixture, "win.new-connection"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-connection", NULL);
  settle (fixture);

  /* First the kind; cancelled, nothing opens. */
  alert = pb_test_find_alert (GTK_WIDGET (fixture->window));
  g_assert_nonnull (alert);
  g_assert_cmpstr (pb_test_alert_get_heading (alert), ==, "New Connection");
  g_assert_true (pb_test_alert_has_response (alert, "DATA_SYSTEM"));
  g_assert_true (pb_test_alert_has_response (alert, "DESTINATION"));
  pb_test_answer_alert (alert, "cancel");
  settle (fixture);
  g_assert_null (pb_test_find_editor (fixture->window));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-connection", NULL);
  settle (fixture);
  pb_test_answer_alert (pb_test_find_alert (GTK_WIDGET (fixture->window)), "DESTINATION");
  settle (fixture);

  editor = pb_test_find_editor (fixture->window);
  g_assert_nonnull (editor);
  draft = pb_connection_editor_get_draft (editor);
  g_assert_cmpint (pb_connection_editor_get_mode (editor), ==, PB_EDITOR_MODE_NEW);
  g_assert_true (pb_connection_draft_is_new (draft));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (editor), "New Connection", TRUE));

  /* An empty form with the web app's defaults; the kind can still change. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "Name"))),
                   ==, "");
  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_SYSTEM_TYPE), ==, "DESTINATION");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (pb_test_editor_row (editor, ADW_TYPE_COMBO_ROW, "System Type"))),
                    ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "Connection Timeout"))),
                   ==, "1000");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "Read Timeout"))),
                   ==, "1000");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (pb_test_editor_row (editor, ADW_TYPE_COMBO_ROW, "Authentication Type"))),
                    ==, 0);
  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_REQUEST_TYPE), ==, "POST");
  g_assert_cmpuint (g_list_model_get_n_items (pb_connection_draft_get_table (draft, PB_DRAFT_TABLE_CUSTOM_HEADERS)),
                    >=, 2);
  /* A name and a URL are needed: Save waits (the form says so once the user met them). */
  g_assert_false (gtk_widget_is_sensitive (find_save_button (editor)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (find_save_button (editor)), ==,
                   "Fix 2 problems to save.");

  adw_combo_row_set_selected (ADW_COMBO_ROW (pb_test_editor_row (editor, ADW_TYPE_COMBO_ROW, "System Type")), 0);
  g_assert_cmpstr (pb_connection_draft_get_text (draft, PB_DRAFT_SYSTEM_TYPE), ==, "DATA_SYSTEM");

  /* Untouched by the user until then? No: the kind changed. Leaving asks. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  settle (fixture);
  alert = pb_test_find_alert (GTK_WIDGET (fixture->window));
  g_assert_nonnull (alert);
  pb_test_answer_alert (alert, "discard");
  settle (fixture);
  g_assert_null (pb_test_find_editor (fixture->window));
}

static void
test_duplicate (Fixture       *fixture,
                gconstpointer  data)
{
  PbConnectionEditor *editor;
  PbConnectionDraft *draft;

  pb_test_window_select (fixture->window, fixture->client, NAME);
  g_assert_true (action_enabled (fixture, "win.duplicate"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.duplicate", NULL);
  settle (fixture);

  editor = pb_test_find_editor (fixture->window);
  g_assert_nonnull (editor);
  draft = pb_connection_editor_get_draft (editor);
  g_assert_cmpint (pb_connection_editor_get_mode (editor), ==, PB_EDITOR_MODE_DUPLICATE);
  g_assert_true (pb_connection_draft_is_new (draft));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (editor), "Duplicate Connection", TRUE));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "Name"))),
                   ==, "Copy of " NAME);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (editor), "Copy of " NAME, TRUE));
  /* A copy may be of the other kind. */
  g_assert_nonnull (pb_test_editor_row (editor, ADW_TYPE_COMBO_ROW, "System Type"));

  /* Untouched, Cancel leaves without asking. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  settle (fixture);
  g_assert_null (pb_test_find_alert (GTK_WIDGET (fixture->window)));
  g_assert_null (pb_test_find_editor (fixture->window));
}

static void
test_edit_disabled_archived (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkWidget *edit_button;

  pb_test_window_select (fixture->window, fixture->client, "Push Notification (old provider)");
  g_assert_false (action_enabled (fixture, "win.edit"));
  /* Duplicating it is fine: the copy is not archived. */
  g_assert_true (action_enabled (fixture, "win.duplicate"));
  edit_button = pb_test_find_accessible (GTK_WIDGET (fixture->window), GTK_TYPE_BUTTON, "Edit");
  g_assert_nonnull (edit_button);
  g_assert_false (gtk_widget_is_sensitive (edit_button));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (edit_button), "unarchive it first"));

  /* Ctrl+E does nothing either. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.edit", NULL);
  settle (fixture);
  g_assert_null (pb_test_find_editor (fixture->window));

  /* Nothing selected: nothing to edit. */
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (pb_window_get_shown_connections (fixture->window)),
                                     GTK_INVALID_LIST_POSITION);
  settle (fixture);
  g_assert_false (action_enabled (fixture, "win.edit"));
  g_assert_false (action_enabled (fixture, "win.duplicate"));
  g_assert_true (action_enabled (fixture, "win.new-connection"));
}

static void
test_edit_disabled_offline (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(PbClient) second = pb_client_new (pb_demo_server_get_base_url (fixture->server));
  g_autofree char *path = NULL;
  GListModel *shown = pb_window_get_shown_connections (fixture->window);
  GtkWidget *edit_button;

  g_object_set (fixture->window, "cache-id", "test-window-edit", NULL);
  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 300);
  path = pb_cache_get_path ("test-window-edit");
  for (guint i = 0; i < 50 && !g_file_test (path, G_FILE_TEST_EXISTS); i++)
    pb_test_wait_until_idle (fixture->window, 100);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  /* The server fails: the offline copy (masked) shows, and nothing of it may be edited. */
  pb_demo_server_set_latency (fixture->server, 500);
  pb_client_set_access_token (second, pb_demo_server_get_token (fixture->server));
  pb_demo_server_fail_next (fixture->server, 503, "{\"status\":503,\"message\":\"Down\"}", 20);
  pb_window_set_client (fixture->window, second);
  pb_test_wait_until_idle (fixture->window, 300);
  g_assert_true (pb_connection_store_get_offline_copy (pb_window_get_store (fixture->window)));
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (shown), 0);
  settle (fixture);

  g_assert_false (action_enabled (fixture, "win.edit"));
  g_assert_false (action_enabled (fixture, "win.duplicate"));
  g_assert_false (action_enabled (fixture, "win.new-connection"));
  edit_button = pb_test_find_accessible (GTK_WIDGET (fixture->window), GTK_TYPE_BUTTON, "Edit");
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (edit_button), "list from the server"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.edit", NULL);
  settle (fixture);
  g_assert_null (pb_test_find_editor (fixture->window));

  /* The live list: editing comes back. */
  pb_demo_server_set_latency (fixture->server, 0);
  pb_demo_server_fail_next (fixture->server, 0, NULL, 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  pb_test_wait_until_idle (fixture->window, 300);
  g_assert_false (pb_connection_store_get_offline_copy (pb_window_get_store (fixture->window)));
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (shown), 0);
  settle (fixture);
  g_assert_true (action_enabled (fixture, "win.edit"));
  pb_window_set_client (fixture->window, NULL);
}

static void
test_cancel_asks (Fixture       *fixture,
                  gconstpointer  data)
{
  PbConnectionEditor *editor = open_editor (fixture, NAME);
  GtkWidget *alert;

  gtk_editable_set_text (GTK_EDITABLE (pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "Description")),
                         "Changed");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  settle (fixture);

  alert = pb_test_find_alert (GTK_WIDGET (fixture->window));
  g_assert_nonnull (alert);
  g_assert_cmpstr (pb_test_alert_get_heading (alert), ==, "Discard Changes?");
  g_assert_true (pb_test_alert_has_response (alert, "keep"));

  /* Keep Editing: nothing lost. */
  pb_test_answer_alert (alert, "keep");
  settle (fixture);
  g_assert_true (pb_test_find_editor (fixture->window) == editor);
  g_assert_cmpstr (pb_connection_draft_get_text (pb_connection_editor_get_draft (editor),
                                                 PB_DRAFT_DESCRIPTION), ==, "Changed");

  /* Back as it was: nothing to lose, no question. */
  gtk_editable_set_text (GTK_EDITABLE (pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "Description")),
                         "Sends the reminder email for a cart left for more than 4 hours.");
  g_assert_false (pb_connection_draft_is_modified (pb_connection_editor_get_draft (editor)));
  gtk_editable_set_text (GTK_EDITABLE (pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "Description")),
                         "Changed again");

  /* Discard: the page again, as it was. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  settle (fixture);
  pb_test_answer_alert (pb_test_find_alert (GTK_WIDGET (fixture->window)), "discard");
  settle (fixture);
  g_assert_null (pb_test_find_editor (fixture->window));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window),
                                     "Sends the reminder email for a cart left for more than 4 hours.",
                                     TRUE));
}

static void
test_close_asks (Fixture       *fixture,
                 gconstpointer  data)
{
  PbConnectionEditor *editor = open_editor (fixture, NAME);
  GtkWidget *alert;

  /* Unchanged: the window would close at once (not tried: the fixture closes it). With a
   * change, Ctrl+W asks and the window stays. */
  g_assert_false (pb_window_get_has_unsaved_edits (fixture->window));
  gtk_editable_set_text (GTK_EDITABLE (pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "Icon")), "fad fa-cart");
  /* What Quit (Ctrl+Q) asks the window before it ends the application. */
  g_assert_true (pb_window_get_has_unsaved_edits (fixture->window));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "window.close", NULL);
  settle (fixture);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  alert = pb_test_find_alert (GTK_WIDGET (fixture->window));
  g_assert_nonnull (alert);
  g_assert_cmpstr (pb_test_alert_get_heading (alert), ==, "Discard Changes?");
  pb_test_answer_alert (alert, "keep");
  settle (fixture);
  g_assert_true (pb_test_find_editor (fixture->window) == editor);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
}

static void
test_test_on_edited (Fixture       *fixture,
                     gconstpointer  data)
{
  PbConnectionEditor *editor = open_editor (fixture, NAME);
  GListModel *toplevels = gtk_window_get_toplevels ();
  PbTestDialog *dialog = NULL;
  PbConnection *tested;

  gtk_editable_set_text (GTK_EDITABLE (pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "URL")),
                         "https://api.mail.example.com/v9/unsaved");
  g_assert_nonnull (pb_test_find_accessible (GTK_WIDGET (editor), GTK_TYPE_BUTTON, "Test"));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.test", NULL);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (PB_IS_TEST_DIALOG (toplevel))
        dialog = PB_TEST_DIALOG (toplevel);
    }
  g_assert_nonnull (dialog);

  /* The edited object, not the one in the list. */
  tested = pb_test_dialog_get_connection (dialog);
  g_assert_cmpstr (pb_connection_get_connection_url (tested), ==,
                   "https://api.mail.example.com/v9/unsaved");
  g_assert_cmpstr (pb_connection_get_name (tested), ==, NAME);
  for (guint i = 0; i < 100 && pb_test_dialog_get_running (dialog); i++)
    pb_test_wait_until_idle (fixture->window, 100);
  fixture_close_test_dialog (fixture, dialog);

  /* The form is as it was. */
  g_assert_true (pb_test_find_editor (fixture->window) == editor);
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  PbConnectionEditor *editor = open_editor (fixture, NAME);
  g_autoptr(GPtrArray) rows = pb_test_editor_table_rows (editor, "Output Mappings");

  /* Something to save. */
  gtk_editable_set_text (GTK_EDITABLE (pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "Description")),
                         "Changed");
  settle (fixture);
  g_assert_true (pb_test_tab_reaches (GTK_WINDOW (fixture->window), find_save_button (editor)));
  g_assert_true (pb_test_tab_reaches (GTK_WINDOW (fixture->window),
                                      pb_test_find_accessible (GTK_WIDGET (editor), GTK_TYPE_BUTTON,
                                                               "Add Output Mapping")));
  g_assert_cmpuint (rows->len, >, 0);
  adw_expander_row_set_expanded (g_ptr_array_index (rows, rows->len - 1), TRUE);
  settle (fixture);
  g_assert_true (pb_test_tab_reaches (GTK_WINDOW (fixture->window),
                                      row_button (g_ptr_array_index (rows, rows->len - 1),
                                                  "Remove")));

  /* Escape is Cancel (the editor's action; with the change, it asks first). */
  pb_test_press_shortcut (GTK_WIDGET (editor), GDK_KEY_Escape, 0);
  settle (fixture);
  pb_test_answer_alert (pb_test_find_alert (GTK_WIDGET (fixture->window)), "discard");
  settle (fixture);
  g_assert_null (pb_test_find_editor (fixture->window));
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  PbConnectionEditor *editor;
  GtkWidget *leaflet;
  int minimum = 0;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 740);
  pb_test_window_select (fixture->window, fixture->client, "Treuepunkte gutschreiben – Österreich & Südtirol");
  settle (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.edit", NULL);
  pb_test_wait_until_idle (fixture->window, 200);
  leaflet = pb_test_find_by_type (GTK_WIDGET (fixture->window), ADW_TYPE_LEAFLET);
  g_assert_true (adw_leaflet_get_folded (ADW_LEAFLET (leaflet)));
  pb_test_wait_for_leaflet (leaflet);

  /* Folded, the form is what shows, and it fits; its title is in the form. */
  editor = pb_test_find_editor (fixture->window);
  g_assert_nonnull (editor);
  gtk_widget_measure (GTK_WIDGET (editor), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                      NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 360);
  g_assert_true (adw_leaflet_get_visible_child (ADW_LEAFLET (leaflet)) ==
                 gtk_widget_get_parent (GTK_WIDGET (editor)));
  g_assert_true (pb_connection_editor_get_narrow (editor));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (editor), "Edit Connection", TRUE));
  /* Test keeps its word, not an icon alone. */
  g_assert_nonnull (pb_test_find_accessible (GTK_WIDGET (editor), GTK_TYPE_BUTTON, "Test"));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (editor), "Test", TRUE));
  /* Back to the list only by Cancel. */
  g_assert_false (action_enabled (fixture, "win.back"));

  /* Wide again: the title in the header. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 700);
  pb_test_wait_until_idle (fixture->window, 200);
  pb_test_wait_for_leaflet (leaflet);
  g_assert_false (pb_connection_editor_get_narrow (editor));
  g_assert_true (pb_test_find_editor (fixture->window) == editor);
}

int
main (int   argc,
      char *argv[])
{
  fixture_init (&argc, &argv);

  fixture_add ("/window-edit/edit-opens-with-values", test_edit_opens_with_values);
  fixture_add ("/window-edit/typing-changes-draft", test_typing_changes_draft);
  fixture_add ("/window-edit/bad-url-disables-save", test_bad_url_disables_save);
  fixture_add ("/window-edit/rows-add-remove-move", test_rows_add_remove_move);
  fixture_add ("/window-edit/new-asks-kind", test_new_asks_kind);
  fixture_add ("/window-edit/duplicate", test_duplicate);
  fixture_add ("/window-edit/edit-disabled-archived", test_edit_disabled_archived);
  fixture_add ("/window-edit/edit-disabled-offline", test_edit_disabled_offline);
  fixture_add ("/window-edit/cancel-asks", test_cancel_asks);
  fixture_add ("/window-edit/close-asks", test_close_asks);
  fixture_add ("/window-edit/test-on-edited", test_test_on_edited);
  fixture_add ("/window-edit/keyboard", test_keyboard);
  fixture_add ("/window-edit/narrow", test_narrow);

  return g_test_run ();
}
