/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The checks of the edit form as the keyboard and a screen reader meet them: Tab passes the
 * sentences by, the field tabbed into shows whole, a field with an error says so and why,
 * "Fix N problems to save." leads to the first, a new form waits before it shows its errors,
 * Save waits for a change. */
#include "config.h"

#include <adwaita.h>

#include "pb-connection-editor.h"
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
  g_assert_true (focus_in (fixture, body));
  /* And back. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_BACKWARD));
  g_assert_true (focus_in (fixture, url));
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

int
main (int   argc,
      char *argv[])
{
  fixture_init (&argc, &argv);

  fixture_add ("/window-edit-checks/tab-passes-sentences", test_tab_passes_sentences);
  fixture_add ("/window-edit-checks/focus-in-view", test_focus_in_view);
  fixture_add ("/window-edit-checks/focus-in-view-narrow", test_focus_in_view_narrow);

  return g_test_run ();
}
