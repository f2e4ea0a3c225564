/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The checks of the edit form as the keyboard and a screen reader meet them: Tab passes the
 * sentences by, the field tabbed into shows whole, a field with an error says so and why,
 * "Fix N problems to save." leads to the first, a new form waits before it shows its errors,
 * Save waits for a change. */
#include "config.h"

#include <adwaita.h>

#include "pb-connection-editor.h"
#include "pb-save-preview.h"
#include "pb-test-ui.h"
#include "pb-test-write.h"
#include "test-window-fixture.h"

#define NAME "Abandoned Cart Reminder"

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

static GtkWidget *
focus_of (Fixture *fixture)
{
  return gtk_window_get_focus (GTK_WINDOW (fixture->window));
}

static gboolean
focus_in (Fixture   *fixture,
          GtkWidget *widget)
{
  GtkWidget *focus = focus_of (fixture);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Tab from a field with a sentence under it goes to the next field, not out of the group. */
static void
test_tab_passes_sentences (Fixture       *fixture,
                           gconstpointer  data)
{
  PbConnectionEditor *editor = open_editor (fixture, NAME);
  GtkWidget *url = pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "URL");
  GtkWidget *body = pb_test_find_accessible (GTK_WIDGET (editor), GTK_TYPE_TEXT_VIEW, "Body");

  pb_test_editor_type (editor, "URL", "notaurl");
  settle (fixture);
  g_assert_nonnull (pb_test_editor_said_under (url));
  g_assert_true (focus_in (fixture, url));

  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD));
  if (!focus_in (fixture, body))
    g_error ("Tab went to a %s, not the body", G_OBJECT_TYPE_NAME (focus_of (fixture)));
  /* And back. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_BACKWARD));
  g_assert_true (focus_in (fixture, url));

  /* In a row of a table: from its last column, over its sentence, to its buttons. */
  pb_test_click (pb_test_find_accessible (GTK_WIDGET (editor), GTK_TYPE_BUTTON, "Add Header"));
  settle (fixture);
  {
    g_autoptr(GPtrArray) rows = pb_test_editor_table_rows (editor, "Headers");
    GtkWidget *added = g_ptr_array_index (rows, rows->len - 1);
    g_autoptr(GPtrArray) entries = pb_test_find_all (added, ADW_TYPE_ENTRY_ROW);
    GtkWidget *last = g_ptr_array_index (entries, entries->len - 1);
    GtkWidget *focus;

    g_assert_nonnull (pb_test_editor_said_under (last));
    gtk_widget_grab_focus (last);
    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD));
    focus = focus_of (fixture);
    g_assert_true (GTK_IS_BUTTON (focus));
    g_assert_true (gtk_widget_is_ancestor (focus, added));
  }
}

/* The field the focus goes to shows whole, its sentence too, down and up the form, wide and
 * at 360 pixels. */
static void
check_focus_in_view (Fixture            *fixture,
                     PbConnectionEditor *editor)
{
  const char * const titles[] = { "Read Timeout", "Name", "URL", "Connection Timeout", "Client ID" };

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      GtkWidget *row = pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, titles[i]);

      gtk_widget_grab_focus (row);
      pb_test_wait_until_idle (fixture->window, 200);
      g_assert_true (focus_in (fixture, row));
      if (!pb_test_editor_in_view (row))
        g_error ("“%s” is focused but not in view", titles[i]);
    }

  /* A sentence under the field shows with it. */
  pb_test_editor_type (editor, "Read Timeout", "1.5");
  pb_test_wait_until_idle (fixture->window, 200);
  gtk_widget_grab_focus (pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "Name"));
  pb_test_wait_until_idle (fixture->window, 200);
  gtk_widget_grab_focus (pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "Read Timeout"));
  pb_test_wait_until_idle (fixture->window, 200);
  g_assert_nonnull (pb_test_editor_said_under (pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW,
                                                                   "Read Timeout")));
  g_assert_true (pb_test_editor_in_view (gtk_widget_get_next_sibling (pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW,
                                                                                          "Read Timeout"))));
}

static void
test_focus_in_view (Fixture       *fixture,
                    gconstpointer  data)
{
  check_focus_in_view (fixture, open_editor (fixture, NAME));
}

static void
test_focus_in_view_narrow (Fixture       *fixture,
                           gconstpointer  data)
{
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 740);
  settle (fixture);
  check_focus_in_view (fixture, open_editor (fixture, NAME));
}

static GtkWidget *
find_save_button (PbConnectionEditor *editor)
{
  GtkWidget *button = pb_test_find_accessible (GTK_WIDGET (editor), GTK_TYPE_BUTTON, "Save");

  g_assert_nonnull (button);
  return button;
}

/* The line over the form that says what keeps Save off, or NULL when it does not show. */
static GtkWidget *
summary_label (PbConnectionEditor *editor)
{
  g_autoptr(GPtrArray) labels = pb_test_find_all (GTK_WIDGET (editor), GTK_TYPE_LABEL);
  GtkWidget *label = NULL;

  for (guint i = 0; i < labels->len && label == NULL; i++)
    if (g_str_has_prefix (gtk_label_get_text (g_ptr_array_index (labels, i)), "Fix ") &&
        gtk_widget_get_mapped (g_ptr_array_index (labels, i)))
      label = g_ptr_array_index (labels, i);

  return label;
}

static void
assert_invalid (GtkWidget *widget,
                gboolean   invalid)
{
  g_autofree char *wrong = NULL;

  wrong = gtk_test_accessible_check_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID,
                                           invalid ? GTK_ACCESSIBLE_INVALID_TRUE
                                                   : GTK_ACCESSIBLE_INVALID_FALSE);
  if (wrong != NULL)
    g_error ("%s: invalid is %s", G_OBJECT_TYPE_NAME (widget), wrong);
}

/* A field with an error is invalid to a screen reader, described by its sentence; the line
 * over the form is an alert. */
static void
test_error_said (Fixture       *fixture,
                 gconstpointer  data)
{
  PbConnectionEditor *editor = open_editor (fixture, NAME);
  GtkWidget *url = pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "URL");
  GtkWidget *text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (url)));
  GtkWidget *summary;

  assert_invalid (url, FALSE);
  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (url),
                                                    GTK_ACCESSIBLE_RELATION_DESCRIBED_BY));
  g_assert_null (summary_label (editor));

  pb_test_editor_type (editor, "URL", "notaurl");
  settle (fixture);
  assert_invalid (url, TRUE);
  assert_invalid (text, TRUE);
  g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (url),
                                                   GTK_ACCESSIBLE_RELATION_DESCRIBED_BY));
  g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (text),
                                                   GTK_ACCESSIBLE_RELATION_DESCRIBED_BY));
  summary = summary_label (editor);
  g_assert_nonnull (summary);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (summary)), ==, "Fix 1 problem to save.");
  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (summary),
                                               GTK_ACCESSIBLE_ROLE_ALERT));

  pb_test_editor_type (editor, "URL", "https://api.mail.example.com/v3/mail/send2");
  settle (fixture);
  assert_invalid (url, FALSE);
  assert_invalid (text, FALSE);
  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (url),
                                                    GTK_ACCESSIBLE_RELATION_DESCRIBED_BY));
  g_assert_null (summary_label (editor));

  /* The client secret is described by its note. */
  g_assert_true (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (pb_test_editor_row (editor, ADW_TYPE_PASSWORD_ENTRY_ROW, "Client Secret")),
                                                   GTK_ACCESSIBLE_RELATION_DESCRIBED_BY));
}

/* Ctrl+S while Save waits takes the keyboard to the first field with an error, in view. */
static void
test_save_shortcut_goes_to_error (Fixture       *fixture,
                                  gconstpointer  data)
{
  PbConnectionEditor *editor = open_editor (fixture, NAME);
  GtkWidget *url = pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "URL");
  GtkWidget *timeout = pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "Read Timeout");

  gtk_editable_set_text (GTK_EDITABLE (timeout), "soon");
  gtk_editable_set_text (GTK_EDITABLE (url), "notaurl");
  gtk_widget_grab_focus (pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "Name"));
  pb_test_wait_until_idle (fixture->window, 200);
  g_assert_false (gtk_widget_is_sensitive (find_save_button (editor)));

  pb_test_press_shortcut (GTK_WIDGET (editor), GDK_KEY_s, GDK_CONTROL_MASK);
  pb_test_wait_until_idle (fixture->window, 200);
  g_assert_true (focus_in (fixture, url));
  g_assert_true (pb_test_editor_in_view (url));
  g_assert_null (pb_test_find_toplevel (PB_TYPE_SAVE_PREVIEW));
}

/* "Fix 1 problem to save." over a form whose problem is at its bottom: Show goes to it. */
static void
test_show_goes_to_problem (Fixture       *fixture,
                           gconstpointer  data)
{
  PbConnectionEditor *editor = open_editor (fixture, "Currency Exchange Rates");
  GtkWidget *timeout = pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "Read Timeout");
  GtkWidget *show;

  g_assert_nonnull (summary_label (editor));
  g_assert_nonnull (pb_test_editor_said_under (timeout));
  g_assert_false (pb_test_editor_in_view (timeout));
  show = pb_test_find_accessible (GTK_WIDGET (editor), GTK_TYPE_BUTTON, "Show");
  g_assert_nonnull (show);
  pb_test_click (show);
  pb_test_wait_until_idle (fixture->window, 200);
  g_assert_true (focus_in (fixture, timeout));
  g_assert_true (pb_test_editor_in_view (timeout));
}

static PbConnectionEditor *
open_new (Fixture *fixture)
{
  pb_test_window_select (fixture->window, fixture->client, NAME);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-connection", NULL);
  settle (fixture);
  pb_test_answer_alert (pb_test_find_alert (GTK_WIDGET (fixture->window)), "DATA_SYSTEM");
  settle (fixture);

  return pb_test_find_editor (fixture->window);
}

/* A new form shows no error for the fields the user has not come to; they show once he left
 * one, or tried to save. */
static void
test_new_waits_for_user (Fixture       *fixture,
                         gconstpointer  data)
{
  PbConnectionEditor *editor = open_new (fixture);
  GtkWidget *name = pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "Name");
  GtkWidget *url = pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "URL");
  GtkWidget *save = find_save_button (editor);

  g_assert_true (focus_in (fixture, name));
  g_assert_null (pb_test_editor_said_under (name));
  g_assert_null (pb_test_editor_said_under (url));
  g_assert_false (gtk_widget_has_css_class (name, "error"));
  g_assert_null (summary_label (editor));
  /* Save waits all the same, and says why. */
  g_assert_false (gtk_widget_is_sensitive (save));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (save), ==, "Fix 2 problems to save.");

  /* Left empty: its problem shows; not yet the URL's. */
  gtk_widget_grab_focus (pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "Description"));
  settle (fixture);
  g_assert_nonnull (pb_test_editor_said_under (name));
  g_assert_true (gtk_widget_has_css_class (name, "error"));
  g_assert_null (pb_test_editor_said_under (url));

  /* Ctrl+S: every problem shows, the keyboard goes to the first. */
  pb_test_press_shortcut (GTK_WIDGET (editor), GDK_KEY_s, GDK_CONTROL_MASK);
  pb_test_wait_until_idle (fixture->window, 200);
  g_assert_nonnull (pb_test_editor_said_under (url));
  g_assert_true (focus_in (fixture, name));
  g_assert_nonnull (summary_label (editor));

  /* Filled in, a new form saves as it is. */
  pb_test_editor_type (editor, "Name", "Tide Tables");
  pb_test_editor_type (editor, "URL", "https://tides.example.com/v1/${port}");
  settle (fixture);
  g_assert_true (gtk_widget_is_sensitive (save));
}

/* Save waits for a change in an edit; a copy saves as it is. */
static void
test_save_waits_for_change (Fixture       *fixture,
                            gconstpointer  data)
{
  PbConnectionEditor *editor = open_editor (fixture, NAME);
  GtkWidget *save = find_save_button (editor);
  GtkWidget *description = pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "Description");
  g_autofree char *was = g_strdup (gtk_editable_get_text (GTK_EDITABLE (description)));

  g_assert_false (gtk_widget_is_sensitive (save));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (save), ==, "Nothing changed yet.");
  /* Ctrl+S does nothing then. */
  pb_test_press_shortcut (GTK_WIDGET (editor), GDK_KEY_s, GDK_CONTROL_MASK);
  settle (fixture);
  g_assert_null (pb_test_find_toplevel (PB_TYPE_SAVE_PREVIEW));

  gtk_editable_set_text (GTK_EDITABLE (description), "Changed");
  settle (fixture);
  g_assert_true (gtk_widget_is_sensitive (save));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (save), ==, "Save Changes (Ctrl+S)");
  gtk_editable_set_text (GTK_EDITABLE (description), was);
  settle (fixture);
  g_assert_false (gtk_widget_is_sensitive (save));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  settle (fixture);
  g_assert_null (pb_test_find_editor (fixture->window));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.duplicate", NULL);
  settle (fixture);
  editor = pb_test_find_editor (fixture->window);
  g_assert_nonnull (editor);
  g_assert_true (gtk_widget_is_sensitive (find_save_button (editor)));
}

/* At 360 pixels the buttons of New Connection stack: the keyboard is on the default, Data
 * System, so that Return makes what the dialog shows as the default. */
static void
test_new_narrow_default (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkWidget *alert;
  GtkWidget *focus;
  g_autofree char *name = NULL;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 740);
  pb_test_window_select (fixture->window, fixture->client, NAME);
  settle (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-connection", NULL);
  pb_test_wait_until_idle (fixture->window, 200);
  alert = pb_test_find_alert (GTK_WIDGET (fixture->window));
  g_assert_nonnull (alert);

  focus = gtk_root_get_focus (gtk_widget_get_root (alert));
  g_assert_true (GTK_IS_BUTTON (focus));
  name = pb_test_accessible_label (focus);
  /* libadwaita 1.5's alert dialog makes its buttons as it shows: named by their label then. */
  if (name == NULL && gtk_button_get_label (GTK_BUTTON (focus)) != NULL)
    {
      g_autoptr(GString) label = g_string_new (gtk_button_get_label (GTK_BUTTON (focus)));

      g_string_replace (label, "_", "", 0);
      name = g_string_free (g_steal_pointer (&label), FALSE);
    }
  g_assert_cmpstr (name, ==, "Data System");

  /* What Return does there: the focused button's answer. */
  pb_test_click (focus);
  settle (fixture);
  g_assert_nonnull (pb_test_find_editor (fixture->window));
  g_assert_cmpstr (pb_connection_draft_get_text (pb_connection_editor_get_draft (pb_test_find_editor (fixture->window)),
                                                 PB_DRAFT_SYSTEM_TYPE), ==, "DATA_SYSTEM");
}

/* The Mutual TLS row is one Tab stop (its switch); the client secret's note is a caption under
 * the card, not a row of it; the keyboard shortcuts say "Save Changes". */
static void
test_form_polish (Fixture       *fixture,
                  gconstpointer  data)
{
  PbConnectionEditor *editor = open_editor (fixture, NAME);
  GtkWidget *secret = pb_test_editor_row (editor, ADW_TYPE_PASSWORD_ENTRY_ROW, "Client Secret");
  GtkWidget *note;
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWidget *shortcuts;
  g_autoptr(GPtrArray) items = NULL;
  gboolean found = FALSE;

  gtk_widget_grab_focus (pb_test_editor_row (editor, ADW_TYPE_ENTRY_ROW, "Token URL"));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD));
  g_assert_true (GTK_IS_SWITCH (focus_of (fixture)));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD));
  g_assert_true (focus_in (fixture, secret));

  note = pb_test_find_label (GTK_WIDGET (editor), "Never shown by Sitecore: type one only to change it.");
  g_assert_nonnull (note);
  g_assert_null (gtk_widget_get_ancestor (note, GTK_TYPE_LIST_BOX_ROW));

  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/gtk/help-overlay.ui");
  shortcuts = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  g_assert_nonnull (shortcuts);
  items = pb_test_find_all (shortcuts, GTK_TYPE_SHORTCUTS_SHORTCUT);
  for (guint i = 0; i < items->len; i++)
    {
      g_autofree char *title = NULL;
      g_autofree char *accelerator = NULL;

      g_object_get (g_ptr_array_index (items, i), "title", &title, "accelerator", &accelerator, NULL);
      g_assert_cmpstr (title, !=, "Save (in the form)");
      if (g_strcmp0 (accelerator, "<Control>s") == 0 && g_strcmp0 (title, "Save Changes") == 0)
        found = TRUE;
    }
  g_assert_true (found);
  gtk_window_destroy (GTK_WINDOW (shortcuts));
}

int
main (int   argc,
      char *argv[])
{
  fixture_init (&argc, &argv);

  fixture_add ("/window-edit-checks/tab-passes-sentences", test_tab_passes_sentences);
  fixture_add ("/window-edit-checks/focus-in-view", test_focus_in_view);
  fixture_add ("/window-edit-checks/focus-in-view-narrow", test_focus_in_view_narrow);
  fixture_add ("/window-edit-checks/error-said", test_error_said);
  fixture_add ("/window-edit-checks/save-shortcut-goes-to-error", test_save_shortcut_goes_to_error);
  fixture_add ("/window-edit-checks/show-goes-to-problem", test_show_goes_to_problem);
  fixture_add ("/window-edit-checks/new-waits-for-user", test_new_waits_for_user);
  fixture_add ("/window-edit-checks/save-waits-for-change", test_save_waits_for_change);
  fixture_add ("/window-edit-checks/new-narrow-default", test_new_narrow_default);
  fixture_add ("/window-edit-checks/form-polish", test_form_polish);

  return g_test_run ();
}
