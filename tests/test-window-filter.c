/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The sidebar's sorting and filtering as a person meets them: the button of its own, the count
 * that says what is hidden, the filters that stay in sight with the search bar closed, the
 * dates of a list sorted by them, and the selection a filter hid coming back. */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "pb-connection.h"
#include "pb-connection-filter.h"
#include "pb-connection-page.h"
#include "pb-connection-row.h"
#include "pb-format.h"
#include "pb-test-ui.h"
#include "pb-window.h"
#include "test-window-fixture.h"

/* The demo data set: 24 connections, 4 of them archived (one of them with OAuth). */
#define DEMO_TOTAL    24
#define DEMO_ARCHIVED 4

/* The settings live as long as the program (GSETTINGS_BACKEND=memory): each test leaves them
 * as it found them, while its window is there (a settings action of a window gone would be
 * told of the change). */
static void
tear_down (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_reset (settings, "show-archived");
  g_settings_reset (settings, "sort-order");
  pb_test_wait_until_idle (fixture->window, 0);
  fixture_tear_down (fixture, data);
}

static void
show_demo (Fixture *fixture)
{
  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 100);
  g_assert_cmpstr (pb_window_get_view (fixture->window), ==, "connections");
}

static GtkSearchBar *
search_bar (Fixture *fixture)
{
  return GTK_SEARCH_BAR (pb_test_find_by_type (GTK_WIDGET (fixture->window),
                                               GTK_TYPE_SEARCH_BAR));
}

/* Types into the search entry, as a person does after Ctrl+F, and lets the list follow. */
static void
search_for (Fixture    *fixture,
            const char *text)
{
  GtkWidget *entry;

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  entry = pb_test_find_by_type (GTK_WIDGET (fixture->window), GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* What the entry emits once typing pauses. */
  g_signal_emit_by_name (entry, "search-changed");
  pb_test_wait_until_idle (fixture->window, 100);
}

static void
close_search_bar (Fixture *fixture)
{
  gtk_search_bar_set_search_mode (search_bar (fixture), FALSE);
  pb_test_wait_until_idle (fixture->window, 300);
}

static guint
n_shown (Fixture *fixture)
{
  return g_list_model_get_n_items (pb_window_get_shown_connections (fixture->window));
}

static GtkWidget *
clear_filter_button (Fixture *fixture)
{
  return pb_test_find_by_tooltip (GTK_WIDGET (fixture->window), GTK_TYPE_BUTTON, "Clear Filter");
}

static char *
count_text (const char *format,
            ...) G_GNUC_PRINTF (1, 2);

static char *
count_text (const char *format,
            ...)
{
  va_list args;
  char *text;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  return text;
}

static void
assert_count (Fixture    *fixture,
              const char *expected)
{
  if (!pb_test_shows_text (GTK_WIDGET (fixture->window), expected, TRUE))
    g_error ("The count does not read “%s”", expected);
}

static void
test_button_of_its_own (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *button;
  GMenuModel *menu;
  gboolean has_sort = FALSE, has_archived = FALSE;

  show_demo (fixture);
  g_assert_false (gtk_search_bar_get_search_mode (search_bar (fixture)));

  /* On screen without opening the search, with its own icon, not the menus' kebab. */
  button = pb_test_find_by_tooltip (GTK_WIDGET (fixture->window), GTK_TYPE_MENU_BUTTON,
                                    "Sort and Filter");
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (button)), ==,
                   "view-sort-descending-symbolic");
  g_assert_true (gtk_icon_theme_has_icon (gtk_icon_theme_get_for_display (gtk_widget_get_display (button)),
                                          "view-sort-descending-symbolic"));
  g_assert_true (pb_test_tab_reaches (GTK_WINDOW (fixture->window), button) ||
                 pb_test_tab_reaches (GTK_WINDOW (fixture->window),
                                      gtk_widget_get_first_child (button)));

  /* It holds the orders and "Show Archived". */
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section); j++)
        {
          g_autofree char *action = NULL;

          g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &action);
          has_sort |= g_strcmp0 (action, "win.sort-order") == 0;
          has_archived |= g_strcmp0 (action, "win.show-archived") == 0;
        }
    }
  g_assert_true (has_sort);
  g_assert_true (has_archived);
}

static void
test_count_says_what_is_hidden (Fixture       *fixture,
                                gconstpointer  data)
{
  GActionGroup *actions = G_ACTION_GROUP (fixture->window);
  g_autofree char *archived = NULL;
  g_autofree char *search = NULL;
  g_autofree char *kinds = NULL;

  show_demo (fixture);

  /* Archived ones are hidden, and the count says how many. */
  archived = count_text ("%u of %u connections, %u archived hidden",
                         DEMO_TOTAL - DEMO_ARCHIVED, DEMO_TOTAL, DEMO_ARCHIVED);
  assert_count (fixture, archived);

  /* A search says what it looks for, and the archived ones among what it finds. */
  search_for (fixture, "oauth");
  g_assert_cmpuint (n_shown (fixture), <, DEMO_TOTAL - DEMO_ARCHIVED);
  search = count_text ("%u of %u connections match “oauth”, 1 archived hidden", n_shown (fixture),
                       DEMO_TOTAL);
  assert_count (fixture, search);

  /* The kinds chosen in the menu are named as filters. */
  search_for (fixture, "");
  g_action_group_activate_action (actions, "filter-system", g_variant_new_string ("DESTINATION"));
  pb_test_wait_until_idle (fixture->window, 100);
  kinds = count_text ("%u of %u connections match the filters", n_shown (fixture), DEMO_TOTAL);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window), kinds, FALSE));
  g_action_group_activate_action (actions, "filter-system", g_variant_new_string ("all"));

  /* Nothing hidden: just the number. */
  g_action_group_activate_action (actions, "show-archived", NULL);
  pb_test_wait_until_idle (fixture->window, 100);
  g_assert_cmpuint (n_shown (fixture), ==, DEMO_TOTAL);
  assert_count (fixture, "24 connections");
}

static void
test_filter_stays_in_sight (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *clear;
  GtkWidget *entry;
  guint found;

  show_demo (fixture);
  g_assert_null (clear_filter_button (fixture));

  /* Closing the search bar keeps the search, and says so with a way to drop it. */
  search_for (fixture, "oauth");
  found = n_shown (fixture);
  g_assert_cmpuint (found, <, DEMO_TOTAL - DEMO_ARCHIVED);
  close_search_bar (fixture);
  g_assert_cmpuint (n_shown (fixture), ==, found);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window), "Filtered by “oauth”", TRUE));
  /* The keyboard goes back to the list, not on to Clear Filter. */
  g_assert_nonnull (gtk_widget_get_ancestor (gtk_window_get_focus (GTK_WINDOW (fixture->window)),
                                             GTK_TYPE_LIST_VIEW));
  clear = clear_filter_button (fixture);
  g_assert_nonnull (clear);
  g_assert_true (pb_test_tab_reaches (GTK_WINDOW (fixture->window), clear));

  /* The search bar opens again on the search in force. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  pb_test_wait_until_idle (fixture->window, 300);
  entry = pb_test_find_by_type (GTK_WIDGET (fixture->window), GTK_TYPE_SEARCH_ENTRY);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "oauth");
  g_assert_cmpuint (n_shown (fixture), ==, found);
  close_search_bar (fixture);

  /* Escape right after typing, before the entry's search-changed: what was typed counts. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "SMS Gateway");
  g_signal_emit_by_name (entry, "stop-search");
  pb_test_wait_until_idle (fixture->window, 300);
  g_assert_false (gtk_search_bar_get_search_mode (search_bar (fixture)));
  g_assert_cmpuint (n_shown (fixture), ==, 1);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window), "Filtered by “SMS Gateway”",
                                     TRUE));

  /* One click shows everything again, and the bar goes. */
  pb_test_click (clear_filter_button (fixture));
  pb_test_wait_until_idle (fixture->window, 300);
  g_assert_cmpuint (n_shown (fixture), ==, DEMO_TOTAL - DEMO_ARCHIVED);
  g_assert_null (clear_filter_button (fixture));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
}

static void
test_kinds_stay_in_sight (Fixture       *fixture,
                          gconstpointer  data)
{
  GActionGroup *actions = G_ACTION_GROUP (fixture->window);
  g_autoptr(GVariant) state = NULL;
  GtkWidget *sidebar;
  int width;

  show_demo (fixture);
  sidebar = gtk_widget_get_parent (GTK_WIDGET (search_bar (fixture)));
  width = gtk_widget_get_width (sidebar);

  /* The kinds chosen in the menu show nowhere else: the bar names them. */
  g_action_group_activate_action (actions, "filter-system", g_variant_new_string ("DESTINATION"));
  g_action_group_activate_action (actions, "filter-method", g_variant_new_string ("PUT"));
  pb_test_wait_until_idle (fixture->window, 300);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window),
                                     "Filtered by Destinations · PUT", TRUE));
  /* The bar wraps within the sidebar, which keeps its width. */
  g_action_group_activate_action (actions, "filter-auth", g_variant_new_string ("OAUTH"));
  pb_test_wait_until_idle (fixture->window, 300);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window),
                                     "Filtered by Destinations · OAuth 2.0 · PUT", TRUE));
  g_assert_cmpint (gtk_widget_get_width (sidebar), ==, width);

  pb_test_click (clear_filter_button (fixture));
  pb_test_wait_until_idle (fixture->window, 300);
  g_assert_cmpuint (n_shown (fixture), ==, DEMO_TOTAL - DEMO_ARCHIVED);
  /* The menu's radio items show "All" again. */
  state = g_action_group_get_action_state (actions, "filter-system");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "all");
  g_assert_null (clear_filter_button (fixture));
}

/* How many rows on screen show `date`. */
static guint
count_row_dates (Fixture    *fixture,
                 const char *date)
{
  g_autoptr(GPtrArray) rows = pb_test_find_all (GTK_WIDGET (fixture->window),
                                                PB_TYPE_CONNECTION_ROW);
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (rows, i)) &&
        pb_test_find_label (g_ptr_array_index (rows, i), date) != NULL)
      n++;

  return n;
}

static void
test_dates_when_sorted_by_change (Fixture       *fixture,
                                  gconstpointer  data)
{
  GActionGroup *actions = G_ACTION_GROUP (fixture->window);
  GListModel *shown = pb_window_get_shown_connections (fixture->window);
  g_autoptr(PbConnection) newest = NULL;
  g_autofree char *date = NULL;

  show_demo (fixture);
  g_assert_false (pb_window_get_show_modified (fixture->window));

  g_action_group_activate_action (actions, "sort-order", g_variant_new_string ("modified"));
  pb_test_wait_until_idle (fixture->window, 300);
  g_assert_true (pb_window_get_show_modified (fixture->window));
  newest = g_list_model_get_item (shown, 0);
  date = pb_format_date_short (pb_connection_get_modified_at (newest));
  g_assert_cmpuint (count_row_dates (fixture, date), >=, 1);

  /* Sorted by name, the rows leave the dates out. */
  g_action_group_activate_action (actions, "sort-order", g_variant_new_string ("name"));
  pb_test_wait_until_idle (fixture->window, 300);
  g_assert_cmpuint (count_row_dates (fixture, date), ==, 0);
}

static void
test_selection_comes_back (Fixture       *fixture,
                           gconstpointer  data)
{
  GListModel *shown = pb_window_get_shown_connections (fixture->window);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (shown);
  PbConnectionPage *page;
  PbConnection *chosen;

  show_demo (fixture);
  page = PB_CONNECTION_PAGE (pb_test_find_by_type (GTK_WIDGET (fixture->window),
                                                   PB_TYPE_CONNECTION_PAGE));

  gtk_single_selection_set_selected (selection, 3);
  chosen = gtk_single_selection_get_selected_item (selection);
  g_assert_nonnull (chosen);
  g_assert_cmpstr (pb_connection_get_name (chosen), !=, "SMS Gateway – Order Shipped");

  /* A search that hides it takes it off the page... */
  search_for (fixture, "SMS Gateway");
  g_assert_null (gtk_single_selection_get_selected_item (selection));
  g_assert_null (pb_connection_page_get_connection (page));

  /* ...and the search dropped brings it back, selected and shown. */
  search_for (fixture, "");
  g_assert_true (gtk_single_selection_get_selected_item (selection) == chosen);
  g_assert_true (pb_connection_page_get_connection (page) == chosen);

  /* The same with the filter bar's Clear, and with a kind filter. */
  search_for (fixture, "SMS Gateway");
  close_search_bar (fixture);
  g_assert_null (gtk_single_selection_get_selected_item (selection));
  pb_test_click (clear_filter_button (fixture));
  pb_test_wait_until_idle (fixture->window, 100);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == chosen);

  /* A row unselected by hand stays unselected when filters change. */
  gtk_selection_model_unselect_item (GTK_SELECTION_MODEL (selection),
                                     gtk_single_selection_get_selected (selection));
  g_assert_null (gtk_single_selection_get_selected_item (selection));
  search_for (fixture, "SMS Gateway");
  search_for (fixture, "");
  g_assert_null (gtk_single_selection_get_selected_item (selection));
}

static void
test_date_short (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) long_ago = g_date_time_new_local (2001, 2, 3, 4, 5, 6);
  g_autofree char *today = pb_format_date_short (now);
  g_autofree char *old = pb_format_date_short (long_ago);
  g_autofree char *time = g_date_time_format (now, "%H:%M");

  /* Today, the time; another year, the day with the year. */
  g_assert_cmpstr (today, ==, time);
  g_assert_cmpstr (old, ==, "3 Feb 2001");

  /* Earlier this year: the day without the year. */
  if (g_date_time_get_day_of_year (now) > 1)
    {
      g_autoptr(GDateTime) new_year = g_date_time_new_local (g_date_time_get_year (now), 1, 1,
                                                             12, 0, 0);
      g_autofree char *day = pb_format_date_short (new_year);

      g_assert_cmpstr (day, ==, "1 Jan");
    }
}

static void
test_count_hidden_archived (void)
{
  g_autoptr(PbConnectionFilter) filter = pb_connection_filter_new ();
  g_autoptr(GListStore) connections = g_list_store_new (PB_TYPE_CONNECTION);
  static const char *json =
    "{\"items\":["
    "{\"ref\":\"a\",\"name\":\"Alpha SMS\",\"archived\":true,\"systemType\":\"DESTINATION\"},"
    "{\"ref\":\"b\",\"name\":\"Beta\",\"archived\":true,\"systemType\":\"DATA_SYSTEM\"},"
    "{\"ref\":\"c\",\"name\":\"Gamma SMS\",\"archived\":false,\"systemType\":\"DESTINATION\"}"
    "]}";
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GError) error = NULL;

  parsed = pb_connection_parse_list (json, strlen (json), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->len, ==, 3);
  g_list_store_splice (connections, 0, 0, parsed->pdata, parsed->len);

  g_assert_cmpuint (pb_connection_filter_count_hidden_archived (filter,
                                                                G_LIST_MODEL (connections)),
                    ==, 2);
  /* Only those "Show Archived" would add: the search and the kinds still apply. */
  pb_connection_filter_set_search (filter, "sms");
  g_assert_cmpuint (pb_connection_filter_count_hidden_archived (filter,
                                                                G_LIST_MODEL (connections)),
                    ==, 1);
  pb_connection_filter_set_system_type (filter, "DATA_SYSTEM");
  g_assert_cmpuint (pb_connection_filter_count_hidden_archived (filter,
                                                                G_LIST_MODEL (connections)),
                    ==, 0);
  pb_connection_filter_set_search (filter, NULL);
  g_assert_cmpuint (pb_connection_filter_count_hidden_archived (filter,
                                                                G_LIST_MODEL (connections)),
                    ==, 1);
  pb_connection_filter_set_show_archived (filter, TRUE);
  g_assert_cmpuint (pb_connection_filter_count_hidden_archived (filter,
                                                                G_LIST_MODEL (connections)),
                    ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, tear_down)

  ADD ("/window-filter/button-of-its-own", test_button_of_its_own);
  ADD ("/window-filter/count-says-what-is-hidden", test_count_says_what_is_hidden);
  ADD ("/window-filter/filter-stays-in-sight", test_filter_stays_in_sight);
  ADD ("/window-filter/kinds-stay-in-sight", test_kinds_stay_in_sight);
  ADD ("/window-filter/dates-when-sorted-by-change", test_dates_when_sorted_by_change);
  ADD ("/window-filter/selection-comes-back", test_selection_comes_back);
  g_test_add_func ("/window-filter/date-short", test_date_short);
  g_test_add_func ("/window-filter/count-hidden-archived", test_count_hidden_archived);

#undef ADD

  return g_test_run ();
}
