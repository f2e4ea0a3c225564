/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the window says above and around the list: its header bars (readable at 360 px), its
 * menus, and the one way it writes dates (the page's last change, the offline copy's banner). */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "pb-cache.h"
#include "pb-connection-page.h"
#include "pb-connection-row.h"
#include "pb-format.h"
#include "pb-test-ui.h"
#include "pb-window.h"
#include "test-window-fixture.h"

/* Dates */

/* The long format of the language, in the local time zone (TZ is set in main()). */
static void
test_date_format (void)
{
  g_autoptr(GDateTime) utc = g_date_time_new_utc (2026, 12, 5, 10, 17, 42);
  g_autoptr(GDateTime) local = g_date_time_new_local (2026, 7, 2, 9, 4, 0);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) days_ago = g_date_time_add_days (now, -3);
  g_autofree char *winter = pb_format_date_time (utc);
  g_autofree char *summer = pb_format_date_time (local);
  g_autofree char *ago = pb_format_date_time_ago (days_ago);
  g_autofree char *ago_date = pb_format_date_time (days_ago);
  g_autofree char *expected_ago = g_strdup_printf ("%s (3 days ago)", ago_date);

  /* Berlin is an hour ahead of UTC in winter. */
  g_assert_cmpstr (winter, ==, "5 December 2026, 11:17");
  g_assert_cmpstr (summer, ==, "2 July 2026, 09:04");
  /* The page adds how long ago, after the same format. */
  g_assert_cmpstr (ago, ==, expected_ago);
}

static gboolean
banner_shown (gpointer data)
{
  GtkWidget *box = pb_test_find_by_css_class (GTK_WIDGET (data), "pb-banner");

  return gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (box)));
}

/* The banner over the offline copy writes its date as the page does. */
static void
test_banner_date (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *dead_url = NULL;
  g_autofree char *when = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(PbClient) dead = NULL;
  PbConnectionStore *store;
  GtkWidget *label;

  g_object_set (fixture->window, "cache-id", "header-account", NULL);
  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 100);
  path = pb_cache_get_path ("header-account");
  for (guint i = 0; i < 50 && !g_file_test (path, G_FILE_TEST_EXISTS); i++)
    pb_test_wait_until_idle (fixture->window, 100);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  dead_url = g_strdup (pb_demo_server_get_base_url (fixture->server));
  pb_demo_server_stop (fixture->server);
  dead = pb_client_new (dead_url);
  pb_client_set_access_token (dead, "some-token");
  pb_window_set_client (fixture->window, dead);
  pb_test_wait_until (banner_shown, fixture->window, "the offline banner");
  pb_test_wait_until_idle (fixture->window, 100);

  store = pb_window_get_store (fixture->window);
  when = pb_format_date_time (pb_connection_store_get_cached_at (store));
  /* A server that is gone refuses: the banner says so, then from when the copy is. */
  expected = g_strdup_printf ("showing connections from %s", when);
  label = pb_test_find_by_type (pb_test_find_by_css_class (GTK_WIDGET (fixture->window),
                                                           "pb-banner"),
                                GTK_TYPE_LABEL);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), expected));
  pb_window_set_client (fixture->window, NULL);
}

/* Menus */

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name)
          && g_str_equal (name, action))
        return TRUE;

      links = g_menu_model_iterate_item_links (menu, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);

          if (menu_has_action (link, action))
            return TRUE;
        }
    }

  return FALSE;
}

/* The connection's menu copies and exports; it opens nothing in a browser, which could not use
 * an address of the API without the account's token. */
static void
test_connection_menu (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) buttons = NULL;
  GMenuModel *menu = NULL;

  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 100);

  buttons = pb_test_find_all (GTK_WIDGET (fixture->window), GTK_TYPE_MENU_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    {
      GMenuModel *model = gtk_menu_button_get_menu_model (g_ptr_array_index (buttons, i));

      if (model != NULL && menu_has_action (model, "win.copy-curl"))
        menu = model;
    }
  g_assert_nonnull (menu);
  g_assert_true (menu_has_action (menu, "win.export"));
  g_assert_false (menu_has_action (menu, "win.open-in-browser"));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                              "win.open-in-browser", NULL));
}

/* A row's context menu (Menu or Shift+F10, a right click): it opens at the row it is for,
 * selects that row's connection, and offers the writes the connection allows. */
static void
test_row_menu (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) popovers = NULL;
  g_autoptr(GPtrArray) lists = NULL;
  GtkWidget *row_menu = NULL;
  GMenuModel *model;
  GtkSingleSelection *selection;
  GtkWidget *list = NULL;
  GtkWidget *row;
  gpointer second;

  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 100);
  selection = GTK_SINGLE_SELECTION (pb_window_get_shown_connections (fixture->window));
  /* The sidebar's list (the page's tables are column views, with list views inside). */
  lists = pb_test_find_all (GTK_WIDGET (fixture->window), GTK_TYPE_LIST_VIEW);
  for (guint i = 0; i < lists->len; i++)
    if (gtk_list_view_get_model (g_ptr_array_index (lists, i)) == GTK_SELECTION_MODEL (selection))
      list = g_ptr_array_index (lists, i);
  g_assert_nonnull (list);
  /* Once the list has rows, the keyboard is in it (not on the header's first button). */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), list));

  /* The second row has the focus, the first is selected: the menu is the focused row's. */
  second = g_list_model_get_item (G_LIST_MODEL (selection), 1);
  g_object_unref (second);
  gtk_single_selection_set_selected (selection, 0);
  for (row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *child = gtk_widget_get_first_child (row);

      if (child != NULL && PB_IS_CONNECTION_ROW (child)
          && pb_connection_row_get_connection (PB_CONNECTION_ROW (child)) == second)
        break;
    }
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_grab_focus (row));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.row-menu", NULL));
  pb_test_wait_until_idle (fixture->window, 50);

  popovers = pb_test_find_all (GTK_WIDGET (fixture->window), GTK_TYPE_POPOVER_MENU);
  for (guint i = 0; i < popovers->len; i++)
    if (gtk_widget_get_visible (g_ptr_array_index (popovers, i)))
      row_menu = g_ptr_array_index (popovers, i);
  g_assert_nonnull (row_menu);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == second);

  model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (row_menu));
  g_assert_true (menu_has_action (model, "win.edit"));
  g_assert_true (menu_has_action (model, "win.duplicate"));
  g_assert_true (menu_has_action (model, "win.archive"));
  g_assert_true (menu_has_action (model, "win.unarchive"));
  g_assert_true (menu_has_action (model, "win.history"));
  gtk_popover_popdown (GTK_POPOVER (row_menu));
}

/* Header bars */

/* No title of a header bar shown is cut; returns how many there are. */
static guint
assert_titles_readable (PbWindow   *window,
                        const char *where)
{
  g_autoptr(GPtrArray) bars = pb_test_find_all (GTK_WIDGET (window), ADW_TYPE_HEADER_BAR);
  guint n_titles = 0;

  for (guint i = 0; i < bars->len; i++)
    {
      GtkWidget *bar = g_ptr_array_index (bars, i);
      g_autoptr(GPtrArray) labels = NULL;

      if (!gtk_widget_get_mapped (bar) || gtk_widget_get_width (bar) == 0)
        continue;

      labels = pb_test_find_all (bar, GTK_TYPE_LABEL);
      for (guint j = 0; j < labels->len; j++)
        {
          GtkLabel *label = g_ptr_array_index (labels, j);
          const char *text = gtk_label_get_text (label);

          if (!gtk_widget_get_mapped (GTK_WIDGET (label)) || *text == '\0'
              || gtk_widget_get_ancestor (GTK_WIDGET (label), GTK_TYPE_BUTTON) != NULL)
            continue;

          g_test_message ("%s: “%s” %d px wide, in a bar of %d px", where, text,
                          gtk_widget_get_width (GTK_WIDGET (label)), gtk_widget_get_width (bar));
          if (pango_layout_is_ellipsized (gtk_label_get_layout (label)))
            g_error ("%s: the header title “%s” is cut at %d px", where, text,
                     gtk_widget_get_width (GTK_WIDGET (label)));
          n_titles++;
        }
    }

  return n_titles;
}

/* At 360 px, the list's header and the page's say what they show in full. */
static void
test_narrow_titles_readable (Fixture       *fixture,
                             gconstpointer  data)
{
  GListModel *shown = pb_window_get_shown_connections (fixture->window);
  g_autofree char *name = NULL;
  AdwLeaflet *leaflet;
  GtkWidget *page;
  GtkWidget *heading;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 700);
  pb_window_set_subtitle (fixture->window, "Demo Data");
  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 200);
  leaflet = ADW_LEAFLET (pb_test_find_by_type (GTK_WIDGET (fixture->window), ADW_TYPE_LEAFLET));
  g_assert_true (adw_leaflet_get_folded (leaflet));
  pb_test_wait_for_leaflet (leaflet);
  g_assert_cmpuint (assert_titles_readable (fixture->window, "the list"), ==, 2);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window), "Connections", TRUE));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (fixture->window), "Demo Data", TRUE));

  /* The page of a connection with a long name: its heading says it whole, wrapped, and a
   * title above it, if any, is not cut. */
  for (guint i = 0; i < g_list_model_get_n_items (shown) && name == NULL; i++)
    {
      g_autoptr(PbConnection) connection = g_list_model_get_item (shown, i);

      if (g_utf8_strlen (pb_connection_get_name (connection), -1) > 25)
        {
          GtkWidget *list = pb_test_find_by_type (adw_leaflet_get_visible_child (leaflet),
                                                  GTK_TYPE_LIST_VIEW);

          name = g_strdup (pb_connection_get_name (connection));
          g_assert_true (gtk_widget_activate_action (list, "list.activate-item", "u", i));
        }
    }
  g_assert_nonnull (name);
  pb_test_wait_until_idle (fixture->window, 200);
  pb_test_wait_for_leaflet (leaflet);
  page = pb_test_find_by_type (adw_leaflet_get_visible_child (leaflet), PB_TYPE_CONNECTION_PAGE);
  g_assert_nonnull (page);
  assert_titles_readable (fixture->window, "the page");
  heading = pb_test_find_label (page, name);
  g_assert_nonnull (heading);
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (heading))));
  g_assert_cmpint (gtk_widget_get_width (heading), <=, 360);

  /* Wide again, the page's header bar names the connection. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 700);
  pb_test_wait_until_idle (fixture->window, 200);
  g_assert_false (adw_leaflet_get_folded (leaflet));
  pb_test_wait_for_leaflet (leaflet);
  g_assert_cmpuint (assert_titles_readable (fixture->window, "wide"), ==, 3);
}

/* The badges beside the account's name (the list's header, and the loading and error
 * pages'). */
static GPtrArray *
find_production_badges (PbWindow *window)
{
  g_autoptr(GPtrArray) labels = pb_test_find_all (GTK_WIDGET (window), GTK_TYPE_LABEL);
  GPtrArray *badges = g_ptr_array_new ();

  for (guint i = 0; i < labels->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (labels, i), "pb-production-badge"))
      g_ptr_array_add (badges, g_ptr_array_index (labels, i));

  return badges;
}

/* A production account: a badge beside its name, said to a screen reader, and at 360 px
 * still there in full, without cutting the title above. */
static void
test_production_badge (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) badges = find_production_badges (fixture->window);
  GtkWidget *shown;
  AdwLeaflet *leaflet;

  g_assert_cmpuint (badges->len, ==, 3);
  pb_window_set_subtitle (fixture->window, "Live tenant");
  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 200);

  g_assert_false (pb_window_get_production (fixture->window));
  for (guint i = 0; i < badges->len; i++)
    g_assert_false (gtk_widget_get_visible (g_ptr_array_index (badges, i)));
  g_assert_null (pb_test_find_label (GTK_WIDGET (fixture->window), "Production"));

  pb_window_set_production (fixture->window, TRUE);
  g_assert_true (pb_window_get_production (fixture->window));
  pb_test_spin (100);
  for (guint i = 0; i < badges->len; i++)
    {
      g_autofree char *label = pb_test_accessible_label (g_ptr_array_index (badges, i));

      g_assert_true (gtk_widget_get_visible (g_ptr_array_index (badges, i)));
      g_assert_cmpstr (label, ==, "Production tenant");
    }
  /* The one on screen: beside the list's title, which names the account. */
  shown = pb_test_find_label (GTK_WIDGET (fixture->window), "Production");
  g_assert_nonnull (shown);
  g_assert_true (gtk_widget_has_css_class (shown, "pb-production-badge"));
  g_assert_true (pb_test_shows_text (gtk_widget_get_parent (shown), "Live tenant", TRUE));
  g_assert_cmpint (gtk_widget_get_width (shown), >, 0);

  /* Narrow: the badge and the titles whole. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 700);
  pb_test_wait_until_idle (fixture->window, 200);
  leaflet = ADW_LEAFLET (pb_test_find_by_type (GTK_WIDGET (fixture->window), ADW_TYPE_LEAFLET));
  g_assert_true (adw_leaflet_get_folded (leaflet));
  pb_test_wait_for_leaflet (leaflet);
  shown = pb_test_find_label (GTK_WIDGET (fixture->window), "Production");
  g_assert_nonnull (shown);
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (shown))));
  {
    graphene_rect_t bounds;

    g_assert_true (gtk_widget_compute_bounds (shown, GTK_WIDGET (fixture->window), &bounds));
    g_assert_cmpfloat (bounds.origin.x, >=, 0);
    g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, 360);
  }
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 360);
  /* The title above the name keeps its width (the name gives way when it is long). */
  {
    GtkWidget *title = pb_test_find_label (GTK_WIDGET (fixture->window), "Connections");

    g_assert_nonnull (title);
    g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (title))));
  }

  pb_window_set_production (fixture->window, FALSE);
  for (guint i = 0; i < badges->len; i++)
    g_assert_false (gtk_widget_get_visible (g_ptr_array_index (badges, i)));
}

int
main (int   argc,
      char *argv[])
{
  /* Berlin's time zone, as a rule that needs no tzdata: dates are shown in local time. */
  g_setenv ("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", TRUE);
  fixture_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/window-header/date-format", test_date_format);
  ADD ("/window-header/banner-date", test_banner_date);
  ADD ("/window-header/connection-menu", test_connection_menu);
  ADD ("/window-header/row-menu", test_row_menu);
  ADD ("/window-header/narrow-titles-readable", test_narrow_titles_readable);
  ADD ("/window-header/production-badge", test_production_badge);

#undef ADD

  return g_test_run ();
}
