/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window and what must not leak or break: Include Secrets is no D-Bus action, exports are
 * private files, the offline copy turns secrets and Test off, a huge name is shortened for
 * display, the sidebar keeps its width under a banner, and every control has a name. */
#define G_LOG_DOMAIN "test-window-secrets"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "pb-cache.h"
#include "pb-connection-page.h"
#include "pb-export.h"
#include "pb-export-file.h"
#include "pb-format.h"
#include "pb-outbound-request.h"
#include "pb-demo-server.h"
#include "pb-test-dialog.h"
#include "pb-test-ui.h"
#include "pb-window.h"
#include "test-window-fixture.h"

#define HUGE_NAME_CHARS 4000000
#define MENU_INCLUDE_SECRETS "Include Secrets in Copies and Exports"

/* A connection of the given name (valid JSON text), in a list of two. */
static char *
list_with_name (const char *name)
{
  return g_strdup_printf ("{\"items\":["
                          "{\"ref\":\"00000000-0000-4000-8000-000000000001\",\"name\":\"Alpha\","
                          "\"systemType\":\"DATA_SYSTEM\",\"requestType\":\"GET\","
                          "\"authType\":\"NONE\"},"
                          "{\"ref\":\"00000000-0000-4000-8000-000000000002\",\"name\":\"%s\","
                          "\"systemType\":\"DESTINATION\",\"requestType\":\"POST\","
                          "\"authType\":\"NONE\"}]}",
                          name);
}

static gboolean
has_action (GActionGroup *group,
            const char   *name)
{
  g_auto(GStrv) actions = g_action_group_list_actions (group);

  return g_strv_contains ((const char * const *) actions, name);
}

static void
test_format_for_display (void)
{
  g_autofree char *huge = g_strnfill (HUGE_NAME_CHARS, 'x');
  g_autofree char *short_huge = pb_format_for_display (huge, 200);
  g_autofree char *same = pb_format_for_display ("Weather", 7);
  g_autofree char *cut = pb_format_for_display ("天気予報（東京・大阪）", 5);
  g_autofree char *empty = pb_format_for_display ("abc", 0);

  g_assert_cmpuint (g_utf8_strlen (short_huge, -1), ==, 200);
  g_assert_true (g_str_has_suffix (short_huge, "…"));
  g_assert_cmpstr (same, ==, "Weather");
  /* Cut at a character boundary, the ellipsis counted. */
  g_assert_cmpstr (cut, ==, "天気予報…");
  g_assert_cmpstr (empty, ==, "");
  g_assert_null (pb_format_for_display (NULL, 10));
}

/* Include Secrets is a widget action: in none of the action groups GTK exports on the session
 * bus (the application's, and the window's as a GActionGroup), and the menu still toggles it. */
static void
test_include_secrets_not_exported (Fixture       *fixture,
                                   gconstpointer  data)
{
  GtkWidget *item;
  gboolean active = TRUE;

  g_assert_false (has_action (G_ACTION_GROUP (fixture->window), "include-secrets"));
  /* What the window's group does export is still there: the test looks at the right group. */
  g_assert_true (has_action (G_ACTION_GROUP (fixture->window), "show-archived"));
  g_assert_false (g_action_group_has_action (G_ACTION_GROUP (fixture->window),
                                             "include-secrets"));

  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 100);
  g_assert_false (pb_window_get_include_secrets (fixture->window));

  item = pb_test_find_menu_item (fixture->window, MENU_INCLUDE_SECRETS);
  g_assert_nonnull (item);
  g_assert_true (gtk_widget_is_sensitive (item));
  g_object_get (item, "active", &active, NULL);
  g_assert_false (active);

  g_signal_emit_by_name (item, "clicked");
  pb_test_spin (50);
  g_assert_true (pb_window_get_include_secrets (fixture->window));
  g_object_get (item, "active", &active, NULL);
  g_assert_true (active);

  g_signal_emit_by_name (item, "clicked");
  pb_test_spin (50);
  g_assert_false (pb_window_get_include_secrets (fixture->window));
  g_assert_false (has_action (G_ACTION_GROUP (fixture->window), "include-secrets"));
}

static guint32
write_export (const char *path,
              const char *text)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_auto(PbTestWaiter) waiter = { NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  GStatBuf st;

  pb_export_file_write_async (file, bytes, NULL, pb_test_waiter_cb, &waiter);
  g_assert_true (pb_export_file_write_finish (file, pb_test_waiter_wait (&waiter), &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, text);
  g_assert_cmpint (g_stat (path, &st), ==, 0);

  return st.st_mode & 07777;
}

/* Exports are created 0600, and a replaced file keeps a stricter mode, never a looser one. */
static void
test_export_file_modes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("plugboard-export-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "connections.json", NULL);
  static const struct { guint32 before, after; } replaced[] = {
    { 0644, 0600 }, { 0666, 0600 }, { 0600, 0600 }, { 0400, 0400 }, { 0640, 0600 },
  };
  mode_t old_umask = umask (0);

  g_assert_no_error (error);

  /* A new file, even with a umask that lets everyone read. */
  g_assert_cmpuint (write_export (path, "{\"new\": true}"), ==, 0600);

  for (guint i = 0; i < G_N_ELEMENTS (replaced); i++)
    {
      g_assert_cmpint (g_chmod (path, replaced[i].before), ==, 0);
      g_assert_cmpuint (write_export (path, "{\"replaced\": true}"), ==, replaced[i].after);
    }

  umask (old_umask);
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static GtkWidget *
find_test_button (PbWindow *window)
{
  GPtrArray *buttons = pb_test_find_all (GTK_WIDGET (window), GTK_TYPE_BUTTON);
  GtkWidget *found = NULL;

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)),
                   "win.test-connection") == 0)
      found = g_ptr_array_index (buttons, i);
  g_ptr_array_unref (buttons);

  g_assert_nonnull (found);
  return found;
}

static GtkLabel *
banner_label (PbWindow *window)
{
  GtkWidget *box = pb_test_find_by_css_class (GTK_WIDGET (window), "pb-banner");

  return GTK_LABEL (pb_test_find_by_type (box, GTK_TYPE_LABEL));
}

/* The sidebar: the box that holds the banner. */
static GtkWidget *
find_sidebar (PbWindow *window)
{
  GtkWidget *box = pb_test_find_by_css_class (GTK_WIDGET (window), "pb-banner");

  return gtk_widget_get_parent (gtk_widget_get_parent (box));
}

/* The rows shown come from the offline copy (stored masked): Include Secrets and Test are off,
 * the banner says why, and both come back with the live list. */
static void
test_offline_copy_turns_secrets_off (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(PbClient) second = pb_client_new (pb_demo_server_get_base_url (fixture->server));
  g_autofree char *path = NULL;
  GListModel *shown = pb_window_get_shown_connections (fixture->window);
  GtkWidget *test_button;
  GtkWidget *item;
  int sidebar_width;

  g_object_set (fixture->window, "cache-id", "test-window-secrets", NULL);
  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 300);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (shown), 0);
  pb_window_set_include_secrets (fixture->window, TRUE);
  test_button = find_test_button (fixture->window);
  g_assert_true (gtk_widget_is_sensitive (test_button));
  sidebar_width = gtk_widget_get_width (find_sidebar (fixture->window));
  g_assert_cmpint (sidebar_width, ==, 300);

  /* The server fails: the offline copy stays on screen, with the banner. The copy is written
   * in the background after the load, and the failure answers late, so that the copy (read
   * in the background too) comes first, as in test_huge_name. */
  path = pb_cache_get_path ("test-window-secrets");
  for (guint i = 0; i < 50 && !g_file_test (path, G_FILE_TEST_EXISTS); i++)
    pb_test_wait_until_idle (fixture->window, 100);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  pb_demo_server_set_latency (fixture->server, 500);
  pb_client_set_access_token (second, pb_demo_server_get_token (fixture->server));
  pb_demo_server_fail_next (fixture->server, 503,
                            "{\"status\":503,\"message\":\"The service is down for maintenance "
                            "this afternoon, please come back in a few hours, and if it is "
                            "still down then, ask the administrator of your tenant.\"}",
                            20);
  pb_window_set_client (fixture->window, second);
  pb_test_wait_until_idle (fixture->window, 300);
  g_assert_true (pb_connection_store_get_offline_copy (pb_window_get_store (fixture->window)));
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (shown), 0);
  pb_test_spin (100);

  g_assert_false (pb_window_get_include_secrets (fixture->window));
  item = pb_test_find_menu_item (fixture->window, MENU_INCLUDE_SECRETS);
  g_assert_nonnull (item);
  g_assert_false (gtk_widget_is_sensitive (item));
  test_button = find_test_button (fixture->window);
  g_assert_false (gtk_widget_is_sensitive (test_button));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (test_button), "list from the server"));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (banner_label (fixture->window))),
                            "secrets stay hidden and connections cannot be tested"));
  /* The banner's text wraps within the sidebar: its width stays. */
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (banner_label (fixture->window))));
  g_assert_cmpint (gtk_widget_get_width (find_sidebar (fixture->window)), ==, sidebar_width);

  /* The live list: both come back, and so does what was asked for. */
  pb_demo_server_fail_next (fixture->server, 0, NULL, 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  pb_test_wait_until_idle (fixture->window, 300);
  g_assert_false (pb_connection_store_get_offline_copy (pb_window_get_store (fixture->window)));
  g_assert_true (gtk_widget_is_sensitive (item));
  g_assert_true (gtk_widget_is_sensitive (find_test_button (fixture->window)));
  g_assert_true (pb_window_get_include_secrets (fixture->window));
  g_assert_cmpint (gtk_widget_get_width (find_sidebar (fixture->window)), ==, sidebar_width);

  pb_window_set_client (fixture->window, NULL);
}

static void
assert_rows_short (PbWindow *window)
{
  GPtrArray *labels = pb_test_find_all (GTK_WIDGET (window), GTK_TYPE_LABEL);
  gboolean seen = FALSE;

  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_text (g_ptr_array_index (labels, i));

      g_assert_cmpuint (strlen (text), <, 4 * PB_FORMAT_MESSAGE_CHARS * 4);
      if (g_str_has_prefix (text, "Zxxxxxxxxx"))
        {
          seen = TRUE;
          g_assert_cmpuint (g_utf8_strlen (text, -1), <=, PB_FORMAT_TITLE_CHARS);
        }
    }
  g_ptr_array_unref (labels);
  g_assert_true (seen);
}

/* A 4,000,000-character name: the list loads and shows, online and from the offline copy
 * alone, and every label is short. */
static void
test_huge_name (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *name = g_strnfill (HUGE_NAME_CHARS, 'x');
  g_autofree char *list = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PbClient) second = pb_client_new (pb_demo_server_get_base_url (fixture->server));
  g_autoptr(GError) error = NULL;
  GListModel *shown = pb_window_get_shown_connections (fixture->window);

  name[0] = 'Z';
  list = list_with_name (name);
  g_assert_true (pb_demo_server_load_data (fixture->server, list, -1, &error));
  g_assert_no_error (error);

  g_object_set (fixture->window, "cache-id", "test-window-huge", NULL);
  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 300);
  g_assert_cmpstr (pb_window_get_view (fixture->window), ==, "connections");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  assert_rows_short (fixture->window);

  /* From the offline copy alone, once it is written: the server answers late (so the copy,
   * 4 MB to read, comes first), and then fails. */
  path = pb_cache_get_path ("test-window-huge");
  for (guint i = 0; i < 50 && !g_file_test (path, G_FILE_TEST_EXISTS); i++)
    pb_test_wait_until_idle (fixture->window, 100);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  pb_client_set_access_token (second, pb_demo_server_get_token (fixture->server));
  pb_demo_server_set_latency (fixture->server, 1500);
  pb_demo_server_fail_next (fixture->server, 503, NULL, 20);
  pb_window_set_client (fixture->window, second);
  pb_test_wait_until_idle (fixture->window, 300);
  g_assert_true (pb_connection_store_get_offline_copy (pb_window_get_store (fixture->window)));
  g_assert_cmpstr (pb_window_get_view (fixture->window), ==, "connections");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  assert_rows_short (fixture->window);

  pb_window_set_client (fixture->window, NULL);
}

/* Whether a screen reader finds a control by its role: what a person operates. */
static gboolean
is_control (GtkAccessibleRole role)
{
  switch (role)
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON:
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_SWITCH:
    case GTK_ACCESSIBLE_ROLE_SEARCH_BOX:
    case GTK_ACCESSIBLE_ROLE_TEXT_BOX:
    case GTK_ACCESSIBLE_ROLE_LIST_ITEM:
    case GTK_ACCESSIBLE_ROLE_LINK:
    case GTK_ACCESSIBLE_ROLE_COMBO_BOX:
    case GTK_ACCESSIBLE_ROLE_SPIN_BUTTON:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
name_is_fine (const char *label)
{
  return label != NULL && *label != '\0' && strchr (label, '_') == NULL &&
         !g_str_has_prefix (label, "Gtk") && !g_str_has_prefix (label, "Adw");
}

/* Every control at or below widget (on every page of every stack) has a name of
 * its own: set, not empty, not a type name, without a mnemonic underscore. */
static void
collect_unnamed (GtkWidget *widget,
                 GString   *unnamed,
                 guint     *n_controls)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));

  /* The window's own title buttons (Close, Minimize…) are named by GTK. The connection page
   * is checked by its own tests. */
  if (GTK_IS_WINDOW_CONTROLS (widget) || PB_IS_CONNECTION_PAGE (widget))
    return;
  /* Hidden for good (not only on another page of a stack): not in the accessibility tree. */
  if (!gtk_widget_get_visible (widget))
    return;

  if (is_control (role) && gtk_widget_get_can_target (widget))
    {
      /* GTK 4.8 labels a button by its child: "GtkImage" for an icon, the label with its
       * mnemonic underscore for text. A button needs a name of its own (the button inside a
       * menu button is read as the menu button). Another control may be labelled by a label. */
      GtkWidget *named = GTK_IS_MENU_BUTTON (gtk_widget_get_parent (widget))
                         ? gtk_widget_get_parent (widget) : widget;
      g_autofree char *label = pb_test_accessible_label (named);
      gboolean labelled_by = !GTK_IS_BUTTON (widget) &&
                             gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                                               GTK_ACCESSIBLE_RELATION_LABELLED_BY);

      (*n_controls)++;
      /* Named once: not also by the label inside it ("Retry Retry"). */
      if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
          gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                            GTK_ACCESSIBLE_RELATION_LABELLED_BY))
        g_string_append_printf (unnamed, "%s “%s” named twice; ", G_OBJECT_TYPE_NAME (widget),
                                gtk_button_get_label (GTK_BUTTON (widget)));
      if (!labelled_by && !name_is_fine (label))
        g_string_append_printf (unnamed, "%s in %s “%s” (tooltip “%s”); ", G_OBJECT_TYPE_NAME (widget),
                                G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)),
                                label ?: "", gtk_widget_get_tooltip_text (widget) ?: "");
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed (child, unnamed, n_controls);
}

static void
assert_every_control_named (GtkWidget *root)
{
  g_autoptr(GString) unnamed = g_string_new (NULL);
  guint n_controls = 0;

  collect_unnamed (root, unnamed, &n_controls);
  g_test_message ("%u controls in %s", n_controls, G_OBJECT_TYPE_NAME (root));
  g_assert_cmpuint (n_controls, >, 5);
  g_assert_cmpstr (unnamed->str, ==, "");
}

/* Issue 16 item 7: what a screen reader reads of each control of the window, its rows and its
 * menus, and of the test dialog. */
static void
test_accessible_names (Fixture       *fixture,
                       gconstpointer  data)
{
  GListModel *shown = pb_window_get_shown_connections (fixture->window);
  PbTestDialog *dialog;
  g_autofree char *row_name = NULL;
  GtkWidget *row;

  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 100);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (shown), 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  g_assert_nonnull (pb_test_find_menu_item (fixture->window, MENU_INCLUDE_SECRETS));
  pb_test_spin (100);
  assert_every_control_named (GTK_WIDGET (fixture->window));

  /* A row reads as its connection: name, then summary. */
  row = pb_test_find_by_type (GTK_WIDGET (fixture->window), g_type_from_name ("PbConnectionRow"));
  row_name = pb_test_accessible_label (gtk_widget_get_parent (row));
  g_assert_nonnull (row_name);
  g_assert_nonnull (strstr (row_name, " · "));

  dialog = fixture_run_test_dialog (fixture);
  assert_every_control_named (GTK_WIDGET (dialog));
  fixture_close_test_dialog (fixture, dialog);
  pb_window_set_client (fixture->window, NULL);
}

static gboolean
dialog_reveals_secrets (PbTestDialog *dialog)
{
  gboolean reveal = FALSE;

  g_object_get (dialog, "reveal-secrets", &reveal, NULL);

  return reveal;
}

/* The clipboard's text after the window's action `name`. */
static char *
copy_with (Fixture    *fixture,
           const char *name)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->window));
  GValue value = G_VALUE_INIT;
  char *text;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), name, NULL));
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &value,
                                                 NULL));
  text = g_value_dup_string (&value);
  g_value_unset (&value);

  return text;
}

/* Copy as cURL with Example Values: the command a filled test would send, masked as every
 * copy is unless Include Secrets; and the test dialog starts with the window's choice. */
static void
test_copy_curl_with_examples (Fixture       *fixture,
                              gconstpointer  data)
{
  GListModel *shown = pb_window_get_shown_connections (fixture->window);
  g_autoptr(GHashTable) examples = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *filled = NULL;
  g_autofree char *filled_secrets = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *expected_secrets = NULL;
  PbConnection *selected;
  PbTestDialog *dialog;

  pb_window_set_client (fixture->window, fixture->client);
  pb_test_wait_until_idle (fixture->window, 100);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (shown), 0);
  selected = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (shown));
  examples = pb_connection_dup_example_values (selected);
  g_assert_cmpuint (g_hash_table_size (examples), >, 0);

  plain = copy_with (fixture, "win.copy-curl");
  filled = copy_with (fixture, "win.copy-curl-filled");
  g_assert_nonnull (strstr (plain, "${"));
  g_assert_cmpstr (filled, !=, plain);
  expected = pb_connection_to_curl_with_values (selected, examples, FALSE);
  g_assert_cmpstr (filled, ==, expected);

  pb_window_set_include_secrets (fixture->window, TRUE);
  filled_secrets = copy_with (fixture, "win.copy-curl-filled");
  expected_secrets = pb_connection_to_curl_with_values (selected, examples, TRUE);
  g_assert_cmpstr (filled_secrets, ==, expected_secrets);

  dialog = fixture_run_test_dialog (fixture);
  g_assert_true (pb_test_dialog_get_connection (dialog) == selected);
  g_assert_false (pb_test_dialog_get_running (dialog));
  g_assert_true (dialog_reveals_secrets (dialog));
  fixture_close_test_dialog (fixture, dialog);
  pb_window_set_include_secrets (fixture->window, FALSE);
  pb_window_set_client (fixture->window, NULL);
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's test accessibility backend keeps what each widget says to a screen reader, where
   * the tests can ask for it (there is no AT-SPI bus under test). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  /* Each test its own XDG folders: the offline copy is written under the cache folder. */
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/window-secrets/format-for-display", test_format_for_display);
  g_test_add_func ("/window-secrets/export-file-modes", test_export_file_modes);
  ADD ("/window-secrets/include-secrets-not-exported", test_include_secrets_not_exported);
  ADD ("/window-secrets/offline-copy-turns-secrets-off", test_offline_copy_turns_secrets_off);
  ADD ("/window-secrets/huge-name", test_huge_name);
  ADD ("/window-secrets/accessible-names", test_accessible_names);
  ADD ("/window-secrets/copy-curl-with-examples", test_copy_curl_with_examples);

#undef ADD

  return g_test_run ();
}
