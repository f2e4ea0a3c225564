/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Compare Accounts… (pb-compare-window.h) as it is laid out: at 360 px wide, with the
 * keyboard (one Tab stop per list, Space for a row's check box), and for a screen reader (the
 * names of its buttons, pickers, rows and icons). The real window in demo mode. */
#define G_LOG_DOMAIN "test-compare-window"

#include "config.h"

#include <adwaita.h>

#include "pb-compare-window.h"
#include "test-compare-window-fixture.h"
#include "pb-test-ui.h"

#define LOYALTY "Loyalty Points Balance"
#define FIRST_WEB "First web service"

static gboolean
leaflet_folded (gpointer data)
{
  return adw_leaflet_get_folded (data);
}

/* Whether `widget` ends at the right of the window or before. */
static gboolean
fits_in_window (GtkWidget *widget,
                GtkWidget *window)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
  return bounds.origin.x >= 0
         && bounds.origin.x + bounds.size.width <= gtk_widget_get_width (window);
}

static GtkWidget *
pairs_view (Fixture *fixture)
{
  GtkWidget *view = pb_test_find_accessible (GTK_WIDGET (fixture->window), GTK_TYPE_LIST_VIEW,
                                             "Connections");

  g_assert_nonnull (view);
  return view;
}

/* At 360 px the window fits: the pickers, which side is which, Copy, the menu; the heading
 * of a connection opened is not selected text. */
static void
test_narrow_fits (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  AdwLeaflet *leaflet = ADW_LEAFLET (pb_test_find_by_type (window, ADW_TYPE_LEAFLET));
  GtkWidget *heading;
  int minimum;

  /* The content: the window's own measure counts its shadow. */
  gtk_widget_measure (adw_window_get_content (ADW_WINDOW (window)), GTK_ORIENTATION_HORIZONTAL,
                      -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 740);
  pb_test_wait_until (leaflet_folded, leaflet, "the columns folded");
  pb_test_wait_for_leaflet (leaflet);
  pb_test_spin (100);
  g_assert_cmpint (gtk_widget_get_width (window), <=, 360);
  g_assert_true (pb_test_shows_text (window, "From", TRUE));
  g_assert_true (pb_test_shows_text (window, "To", TRUE));
  g_assert_true (fits_in_window (pb_test_find_accessible (window, GTK_TYPE_DROP_DOWN, "Copy To"),
                                 window));
  g_assert_true (fits_in_window (pb_test_find_by_tooltip (window, GTK_TYPE_MENU_BUTTON,
                                                          "Main Menu"), window));

  select_pair (fixture, PB_COMPARE_GROUP_DIFFERENT, FIRST_WEB);
  pb_test_wait_for_leaflet (leaflet);
  pb_test_spin (100);
  g_assert_true (fits_in_window (pb_test_find_button (window, "Copy to Demo Production"),
                                 window));
  heading = pb_test_find_label (window, FIRST_WEB);
  g_assert_nonnull (heading);
  /* The keyboard goes on from the heading, its text not chosen. */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (window)) == heading);
  g_assert_false (gtk_label_get_selection_bounds (GTK_LABEL (heading), NULL, NULL));

  /* One with a client secret to type: its rows fit too. */
  select_pair (fixture, PB_COMPARE_GROUP_DIFFERENT, LOYALTY);
  pb_test_wait_for_leaflet (leaflet);
  pb_test_spin (100);
  gtk_widget_measure (adw_window_get_content (ADW_WINDOW (window)), GTK_ORIENTATION_HORIZONTAL,
                      -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (window), <=, 360);
  g_assert_true (fits_in_window (pb_test_find_by_tooltip (window, GTK_TYPE_MENU_BUTTON, "More"),
                                 window));
}

/* Tab goes from the groups to the connections to what differs, a stop each; Shift+Tab back. */
static void
test_tab_order (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkListBox *groups = GTK_LIST_BOX (pb_test_find_accessible (window, GTK_TYPE_LIST_BOX,
                                                             "Groups"));
  GtkWidget *list = pairs_view (fixture);
  GtkWidget *detail;

  /* Nothing chosen yet: Tab goes to the first connection. */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_selected_row (groups))));
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), list));

  select_pair (fixture, PB_COMPARE_GROUP_DIFFERENT, LOYALTY);
  detail = gtk_widget_get_ancestor (pb_test_find_button (window, "Copy to Demo Production"),
                                    GTK_TYPE_SCROLLED_WINDOW);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_selected_row (groups))));

  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), list));
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), detail));

  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_BACKWARD));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), list));
  g_assert_true (gtk_widget_child_focus (window, GTK_DIR_TAB_BACKWARD));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)),
                                         GTK_WIDGET (groups)));
}

/* The shortcut of `widget`'s own controllers that `trigger` ("space") sets off. */
static GtkShortcut *
find_shortcut (GtkWidget  *widget,
               const char *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *text = gtk_shortcut_trigger_to_string (
                                    gtk_shortcut_get_trigger (shortcut));

          if (g_strcmp0 (text, trigger) == 0)
            return shortcut;
        }
    }
  return NULL;
}

/* Space ticks (and unticks) the check box of the row with the focus. */
static void
test_space_checks (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *list = pairs_view (fixture);
  GtkWidget *check;
  GtkShortcut *shortcut;

  select_pair (fixture, PB_COMPARE_GROUP_DIFFERENT, LOYALTY);
  check = pb_test_find_accessible (list, GTK_TYPE_CHECK_BUTTON, "Choose “" LOYALTY "”");
  g_assert_nonnull (check);
  /* A stop of its own would be a second Tab stop in each row. */
  g_assert_false (gtk_widget_get_focusable (check));
  g_assert_true (gtk_widget_grab_focus (gtk_widget_get_parent (gtk_widget_get_parent (check))));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));

  shortcut = find_shortcut (list, "space");
  g_assert_nonnull (shortcut);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, list,
                                               NULL));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  /* The box is no stop: the row says it is chosen. */
  g_assert_null (gtk_test_accessible_check_property (
                   GTK_ACCESSIBLE (gtk_widget_get_parent (gtk_widget_get_parent (check))),
                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "Chosen for copying together"));
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, list,
                                               NULL));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
}

static void
assert_named (GtkWidget  *widget,
              const char *name)
{
  g_autofree char *label = NULL;

  g_assert_nonnull (widget);
  label = pb_test_accessible_label (widget);
  g_assert_cmpstr (label, ==, name);
}

/* What a screen reader calls the buttons, the pickers, the rows and the warning icon. */
static void
test_accessible_names (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkListBox *groups = GTK_LIST_BOX (pb_test_find_accessible (window, GTK_TYPE_LIST_BOX,
                                                             "Groups"));
  GtkWidget *list = pairs_view (fixture);
  GtkWidget *check;
  GtkWidget *icon;
  GtkWidget *picker;

  assert_named (pb_test_find_by_tooltip (window, GTK_TYPE_BUTTON, "Swap Accounts"),
                "Swap Accounts");
  assert_named (pb_test_find_by_tooltip (window, GTK_TYPE_BUTTON, "Load Both Accounts Again"),
                "Load Both Accounts Again");
  assert_named (pb_test_find_by_tooltip (window, GTK_TYPE_MENU_BUTTON, "Main Menu"),
                "Main Menu");
  picker = pb_test_find_accessible (window, GTK_TYPE_DROP_DOWN, "Copy From");
  g_assert_nonnull (picker);
  /* Its button has the focus: what it picks and the account picked. */
  assert_named (pb_test_find_by_type (picker, GTK_TYPE_TOGGLE_BUTTON),
                "Copy From, Demo Staging");
  picker = pb_test_find_accessible (window, GTK_TYPE_DROP_DOWN, "Copy To");
  g_assert_nonnull (picker);
  assert_named (pb_test_find_by_type (picker, GTK_TYPE_TOGGLE_BUTTON),
                "Copy To, Demo Production");
  assert_named (GTK_WIDGET (gtk_list_box_get_row_at_index (groups, PB_COMPARE_GROUP_DIFFERENT)),
                "Different, 5");
  assert_named (GTK_WIDGET (gtk_list_box_get_row_at_index (groups,
                                                            PB_COMPARE_GROUP_ONLY_IN_SOURCE)),
                "Only in Demo Staging, 4");

  select_pair (fixture, PB_COMPARE_GROUP_DIFFERENT, FIRST_WEB);
  assert_named (pb_test_find_by_tooltip (window, GTK_TYPE_MENU_BUTTON, "More"), "More");
  assert_named (pb_test_find_button (window, "Copy to Demo Production"),
                "Copy to Demo Production");

  /* The row (the list's item), by its connection's name; its warning icon. */
  check = pb_test_find_accessible (list, GTK_TYPE_CHECK_BUTTON, "Choose “" FIRST_WEB "”");
  g_assert_nonnull (check);
  assert_named (gtk_widget_get_parent (gtk_widget_get_parent (check)), FIRST_WEB);
  icon = pb_test_find_accessible (gtk_widget_get_parent (check), GTK_TYPE_IMAGE,
                                  "Values to check before copying");
  g_assert_nonnull (icon);
}

/* The vertical middle of `widget` in `list`'s coordinates. */
static double
middle_in (GtkWidget *widget,
           GtkWidget *list)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, list, &bounds));
  return bounds.origin.y + bounds.size.height / 2;
}

/* A row: its name level with its check box; a note on another name quotes it without the
 * spaces around it (which the name keeps). */
static void
test_rows (Fixture       *fixture,
           gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *list = pairs_view (fixture);
  GtkWidget *check;
  GtkWidget *title;

  pb_compare_window_select_group (fixture->window, PB_COMPARE_GROUP_DIFFERENT);
  pb_test_spin (100);
  check = pb_test_find_accessible (list, GTK_TYPE_CHECK_BUTTON, "Choose “" LOYALTY "”");
  g_assert_nonnull (check);
  title = pb_test_find_label (gtk_widget_get_parent (check), LOYALTY);
  g_assert_nonnull (title);
  g_assert_cmpfloat (ABS (middle_in (check, list) - middle_in (title, list)), <=, 1.5);

  g_assert_true (pb_compare_window_select_pair (fixture->window, "Store Locator"));
  pb_test_spin (100);
  g_assert_true (pb_test_shows_text (list, "Named “store locator” in Demo Production", TRUE));
  g_assert_true (pb_test_shows_text (window, "From", TRUE));
  g_assert_true (pb_test_shows_text (window, "To", TRUE));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  fixture_add ("/compare-window/layout/narrow-fits", test_narrow_fits);
  fixture_add ("/compare-window/layout/tab-order", test_tab_order);
  fixture_add ("/compare-window/layout/space-checks", test_space_checks);
  fixture_add ("/compare-window/layout/accessible-names", test_accessible_names);
  fixture_add ("/compare-window/layout/rows", test_rows);

  return g_test_run ();
}
