/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The translations: every catalog complete and current, the plural forms of the counts, and the
 * window speaking German and French from the catalogs built in the build folder. Each language
 * runs in a subprocess of its own, since gettext, GLib and GTK pick the language once. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "pb-account-store.h"
#include "pb-connection.h"
#include "pb-demo-server.h"
#include "pb-format.h"
#include "pb-preferences-window.h"
#include "pb-test-dialog.h"
#include "pb-test-ui.h"
#include "pb-window.h"

/* The languages the window must speak, with a few of their words. */
typedef struct
{
  const char *code;
  const char *welcome;       /* "Welcome to Plugboard" */
  const char *explore;       /* "_Explore Demo Data" without its mnemonic */
  const char *of;            /* "12 of 40 connections": the word between the numbers… */
  const char *connections;   /* …and the plural after them */
  const char *preferences;   /* "_Preferences", as in the main menu */
  const char *general;       /* "General", a group of the connection's page */
  const char *test;          /* "Test Connection", the dialog's title */
  const char *new_account;   /* "New Account", the form of the preferences without accounts */
  const char *search;        /* "Search (or just type)", in the keyboard shortcuts */
  const char *hidden;        /* "20 of 24 connections, 4 archived hidden": after the number */
} Language;

static const Language languages[] = {
  { "de", "Willkommen bei Plugboard", "Demodaten erkunden", "von", "Verbindungen",
    "_Einstellungen", "Allgemein", "Verbindung testen", "Neues Konto",
    "Suchen (oder einfach lostippen)", "archivierte ausgeblendet" },
  { "fr", "Bienvenue dans Plugboard", "Explorer les données de démonstration",
    "sur", "connexions", "_Préférences", "Général", "Tester la connexion",
    "Nouveau compte", "Rechercher (ou simplement taper)", "archivées masquées" },
};

static const Language *
find_language (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_str_equal (languages[i].code, code))
      return &languages[i];
  g_assert_not_reached ();
}

static char *
po_dir (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "po", NULL);
}

/* The languages listed in po/LINGUAS. */
static GStrv
read_linguas (void)
{
  g_autofree char *dir = po_dir ();
  g_autofree char *path = g_build_filename (dir, "LINGUAS", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) lines = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = NULL;

      g_strstrip (lines[i]);
      if (lines[i][0] == '#')
        continue;
      words = g_strsplit_set (lines[i], " \t", -1);
      for (guint j = 0; words[j] != NULL; j++)
        if (words[j][0] != '\0')
          g_strv_builder_add (builder, words[j]);
    }

  return g_strv_builder_end (builder);
}

static char *
find_tool (const char *name)
{
  char *path = g_find_program_in_path (name);

  if (path == NULL)
    g_error ("%s is not installed; it comes with gettext (build-aux/deps.sh)", name);
  return path;
}

/* msgfmt must find every message translated, none fuzzy, every format and mnemonic kept. */
static void
test_catalogs_complete (void)
{
  g_autofree char *msgfmt = find_tool ("msgfmt");
  g_autofree char *dir = po_dir ();
  g_auto(GStrv) linguas = read_linguas ();
  g_autoptr(GRegex) complete = g_regex_new ("^[0-9]+ translated messages?\\.\n$", 0, 0, NULL);

  g_assert_true (g_strv_contains ((const char * const *) linguas, "de"));
  g_assert_true (g_strv_contains ((const char * const *) linguas, "fr"));

  for (guint i = 0; linguas[i] != NULL; i++)
    {
      g_autofree char *po = g_strconcat (dir, G_DIR_SEPARATOR_S, linguas[i], ".po", NULL);
      const char *argv[] = {
        msgfmt, "--check", "--check-accelerators=_", "--statistics", "-o", "/dev/null", po, NULL
      };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;
      int status = 0;

      g_test_message ("%s: checking %s", linguas[i], po);
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                    &error);
      g_assert_no_error (error);
      g_test_message ("%s", err);
      if (!g_spawn_check_wait_status (status, &error))
        g_test_fail_printf ("msgfmt refuses %s: %s", po, err);
      else if (!g_regex_match (complete, err, 0, NULL))
        g_test_fail_printf ("%s is not complete (fuzzy or untranslated messages): %s", po, err);
    }
}

/* Every message in the sources (as `meson compile plugboard-pot` extracts them) has a
 * translation in each catalog; a new message fails here until it is translated. */
static void
test_catalogs_current (void)
{
  g_autofree char *xgettext = find_tool ("xgettext");
  g_autofree char *msgcmp = find_tool ("msgcmp");
  g_autofree char *dir = po_dir ();
  g_autofree char *source_root = g_test_build_filename (G_TEST_DIST, "..", NULL);
  g_autofree char *potfiles = g_build_filename (dir, "POTFILES.in", NULL);
  g_autofree char *tmp = NULL;
  g_autofree char *pot = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) linguas = read_linguas ();
  gboolean current = TRUE;
  int status = 0;

  tmp = g_dir_make_tmp ("plugboard-i18n-XXXXXX", &error);
  g_assert_no_error (error);
  pot = g_build_filename (tmp, "plugboard.pot", NULL);

  {
    /* The arguments of meson's i18n.gettext (preset: 'glib'), for the messages themselves. */
    const char *argv[] = {
      xgettext, "--package-name=" GETTEXT_PACKAGE, "-f", potfiles, "-D", source_root,
      "-k_", "--from-code=UTF-8", "--add-comments",
      "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
      "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
      "-o", pot, NULL
    };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                  &error);
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, &error))
      g_error ("xgettext failed: %s", err);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  for (guint i = 0; linguas[i] != NULL; i++)
    {
      g_autofree char *po = g_strconcat (dir, G_DIR_SEPARATOR_S, linguas[i], ".po", NULL);
      /* Without --use-fuzzy/--use-untranslated, such messages count as missing. */
      const char *argv[] = { msgcmp, po, pot, NULL };

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                    &error);
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, &error))
        {
          g_test_fail_printf ("po/%s.po lacks translations of messages in the sources (see the "
                              "lines of %s); run `meson compile plugboard-update-po` and "
                              "translate them:\n%s", linguas[i], pot, err);
          current = FALSE;
        }
      g_clear_error (&error);
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
    }

  /* Kept for a look when something is missing. */
  if (current)
    {
      g_assert_cmpint (g_remove (pot), ==, 0);
      g_assert_cmpint (g_rmdir (tmp), ==, 0);
    }
}

static void read_english (const char *code);

/* In a subprocess: read the catalogs of this build, in the language the parent chose. */
static const Language *
use_build_catalogs (void)
{
  const char *code = pb_test_use_build_catalogs ();

  read_english (code);
  return find_language (code);
}

/* Runs the current test again in a subprocess with LANGUAGE=code. */
static void
run_in_language (const char *code)
{
  g_setenv ("LANGUAGE", code, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("LANGUAGE");
  g_test_trap_assert_passed ();
}

static char *
count_words (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u connection", "%u connections", n), n);
}

static char *
shown_of_words (guint shown,
                guint total)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u connection",
                                       "%u of %u connections", total),
                          shown, total);
}

static void
test_plural_forms_de (void)
{
  if (!g_test_subprocess ())
    {
      run_in_language ("de");
      return;
    }

  use_build_catalogs ();

  {
    g_autofree char *zero = count_words (0);
    g_autofree char *one = count_words (1);
    g_autofree char *twelve = count_words (12);
    g_autofree char *one_of_one = shown_of_words (1, 1);
    g_autofree char *three_of_twelve = shown_of_words (3, 12);

    g_assert_cmpstr (zero, ==, "0 Verbindungen");
    g_assert_cmpstr (one, ==, "1 Verbindung");
    g_assert_cmpstr (twelve, ==, "12 Verbindungen");
    g_assert_cmpstr (one_of_one, ==, "1 von 1 Verbindung");
    g_assert_cmpstr (three_of_twelve, ==, "3 von 12 Verbindungen");
  }

  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", 1), ==,
                   "vor %d Tag");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", 3), ==,
                   "vor %d Tagen");
}

static void
test_plural_forms_fr (void)
{
  if (!g_test_subprocess ())
    {
      run_in_language ("fr");
      return;
    }

  use_build_catalogs ();

  {
    /* French counts zero in the singular. */
    g_autofree char *zero = count_words (0);
    g_autofree char *one = count_words (1);
    g_autofree char *twelve = count_words (12);
    g_autofree char *one_of_one = shown_of_words (1, 1);
    g_autofree char *three_of_twelve = shown_of_words (3, 12);

    g_assert_cmpstr (zero, ==, "0 connexion");
    g_assert_cmpstr (one, ==, "1 connexion");
    g_assert_cmpstr (twelve, ==, "12 connexions");
    g_assert_cmpstr (one_of_one, ==, "1 sur 1 connexion");
    g_assert_cmpstr (three_of_twelve, ==, "3 sur 12 connexions");
  }

  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", 1), ==,
                   "il y a %d jour");
  g_assert_cmpstr (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", 3), ==,
                   "il y a %d jours");
}

/* The one date format in the language: its words for the month when the system has the
 * language's locale (de_DE.UTF-8, fr_FR.UTF-8), else the C locale's. */
static void
assert_date_format (const char *day,
                    const char *month,
                    const char *year_and_time)
{
  g_autoptr(GDateTime) date = g_date_time_new_local (2026, 12, 5, 11, 17, 0);
  g_autofree char *shown = pb_format_date_time (date);
  const char *time_locale = setlocale (LC_TIME, NULL);
  g_autofree char *expected = NULL;

  if (!g_str_has_prefix (time_locale, "de_") && !g_str_has_prefix (time_locale, "fr_"))
    month = "December";
  expected = g_strconcat (day, month, year_and_time, NULL);
  g_test_message ("LC_TIME %s: %s", time_locale, shown);
  g_assert_cmpstr (shown, ==, expected);
}

static void
test_date_format_de (void)
{
  if (!g_test_subprocess ())
    {
      run_in_language ("de");
      return;
    }

  use_build_catalogs ();
  assert_date_format ("5. ", "Dezember", " 2026, 11:17");
}

static void
test_date_format_fr (void)
{
  if (!g_test_subprocess ())
    {
      run_in_language ("fr");
      return;
    }

  use_build_catalogs ();
  assert_date_format ("5 ", "décembre", " 2026 à 11:17");
}

/* Window helpers */

static void
count_demo_connections (guint *shown,
                        guint *total)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_resources_lookup_data ("/io/github/plugboard/Plugboard/demo/connections.json",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  all = pb_connection_parse_list (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  &error);
  g_assert_no_error (error);

  *total = all->len;
  *shown = 0;
  for (guint i = 0; i < all->len; i++)
    if (!pb_connection_get_archived (g_ptr_array_index (all, i)))
      (*shown)++;
}

/* The messages of po/<code>.po: English text → its translation ("" when untranslated).
 * Plural messages are left out; they never show as they are. */
static GHashTable *english;

typedef enum { FIELD_NONE, FIELD_ID, FIELD_PLURAL, FIELD_STR, FIELD_OTHER } PoField;

static void
po_add_entry (GString  *msgid,
              GString  *msgstr,
              gboolean  plural)
{
  const char *known;

  if (msgid->len > 0 && !plural)
    {
      /* The same text in two contexts: remember a translation that differs from it. */
      known = g_hash_table_lookup (english, msgid->str);
      if (known == NULL || g_str_equal (known, msgid->str))
        g_hash_table_insert (english, g_strdup (msgid->str), g_strdup (msgstr->str));
    }
  g_string_truncate (msgid, 0);
  g_string_truncate (msgstr, 0);
}

static void
read_english (const char *code)
{
  g_autofree char *dir = po_dir ();
  g_autofree char *name = g_strconcat (code, ".po", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) msgid = g_string_new (NULL);
  g_autoptr(GString) msgstr = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  PoField field = FIELD_NONE;
  gboolean plural = FALSE;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  english = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *quoted = strchr (line, '"');
      g_autofree char *text = NULL;

      if (g_str_has_prefix (line, "#~"))
        {
          field = FIELD_NONE;
          continue;
        }
      if (g_str_has_prefix (line, "msgctxt ") || g_str_has_prefix (line, "msgid "))
        {
          if (field == FIELD_STR || field == FIELD_OTHER)
            po_add_entry (msgid, msgstr, plural);
          plural = FALSE;
          field = g_str_has_prefix (line, "msgid ") ? FIELD_ID : FIELD_OTHER;
        }
      else if (g_str_has_prefix (line, "msgid_plural "))
        field = FIELD_PLURAL, plural = TRUE;
      else if (g_str_has_prefix (line, "msgstr"))
        field = FIELD_STR;
      else if (line[0] != '"')
        continue;

      if (quoted == NULL || !g_str_has_suffix (quoted + 1, "\""))
        continue;
      text = g_strndup (quoted + 1, strlen (quoted + 1) - 1);
      {
        g_autofree char *plain = g_strcompress (text);

        if (field == FIELD_ID)
          g_string_append (msgid, plain);
        else if (field == FIELD_STR)
          g_string_append (msgstr, plain);
      }
    }
  po_add_entry (msgid, msgstr, plural);

  g_assert_cmpuint (g_hash_table_size (english), >, 100);
  g_assert_cmpstr (g_hash_table_lookup (english, "Welcome to Plugboard"), ==,
                   find_language (code)->welcome);
}

/* Fails when `text` is an English message of the catalog, shown untranslated. */
static void
assert_not_english (const char *where,
                    const char *text)
{
  const char *translation;

  if (text == NULL || *text == '\0')
    return;

  translation = g_hash_table_lookup (english, text);
  if (translation != NULL && !g_str_equal (translation, text))
    g_error ("%s shows “%s” in English instead of “%s”", where, text,
             *translation != '\0' ? translation : "(untranslated)");
}

/* Every label, tooltip and placeholder under `widget` is translated, also those of pages and
 * bars not shown at the moment. */
static guint
assert_widget_translated (GtkWidget *widget)
{
  const char *type = G_OBJECT_TYPE_NAME (widget);
  guint n_texts = 0;

  assert_not_english (type, gtk_widget_get_tooltip_text (widget));
  if (GTK_IS_LABEL (widget))
    {
      assert_not_english (type, gtk_label_get_label (GTK_LABEL (widget)));
      assert_not_english (type, gtk_label_get_text (GTK_LABEL (widget)));
      n_texts++;
    }
  if (GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_ENTRY (widget) || GTK_IS_TEXT (widget))
    {
      g_autofree char *placeholder = NULL;

      g_object_get (widget, "placeholder-text", &placeholder, NULL);
      assert_not_english (type, placeholder);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n_texts += assert_widget_translated (child);

  return n_texts;
}

/* Every label of a menu and its sections is translated; returns whether `label` is one. */
static gboolean
assert_menu_translated (GMenuModel *menu,
                        const char *label)
{
  gboolean found = FALSE;

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;
      const char *name;
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &text))
        {
          assert_not_english ("a menu", text);
          found |= g_strcmp0 (text, label) == 0;
        }

      links = g_menu_model_iterate_item_links (menu, i);
      while (g_menu_link_iter_get_next (links, &name, &link))
        {
          found |= assert_menu_translated (link, label);
          g_object_unref (link);
        }
    }

  return found;
}

/* Checks the menus of the menu buttons under `widget`; returns whether one offers `label`. */
static gboolean
assert_menus_translated (GtkWidget  *widget,
                         const char *label)
{
  gboolean found = FALSE;

  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)))
    found |= assert_menu_translated (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)),
                                     label);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    found |= assert_menus_translated (child, label);

  return found;
}

static PbTestDialog *
find_test_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (PB_IS_TEST_DIALOG (toplevel))
        return PB_TEST_DIALOG (toplevel);
    }

  return NULL;
}

/* The window in the language of the subprocess: welcome page, list, count, connection page,
 * menus, the Test Connection dialog, the preferences and the keyboard shortcuts, all without a
 * word of English from the catalog. */
static void
check_window_speaks (void)
{
  const Language *language = use_build_catalogs ();
  g_autoptr(PbDemoServer) server = pb_demo_server_new ();
  g_autoptr(PbClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(PbAccountStore) store = NULL;
  g_autofree char *count = NULL;
  GtkBuilder *builder;
  GtkWidget *preferences;
  GtkWidget *shortcuts;
  PbTestDialog *dialog;
  PbWindow *window;
  GListModel *shown;
  guint n_shown, n_total;

  adw_init ();

  g_assert_true (pb_demo_server_start (server, 0, &error));
  g_assert_no_error (error);
  client = pb_client_new (pb_demo_server_get_base_url (server));
  pb_client_set_access_token (client, pb_demo_server_get_token (server));

  window = g_object_ref_sink (g_object_new (PB_TYPE_WINDOW, NULL));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  gtk_window_present (GTK_WINDOW (window));
  pb_test_wait_until_idle (window, 100);

  /* The welcome page. */
  g_assert_cmpstr (pb_window_get_view (window), ==, "welcome");
  g_assert_true (pb_test_shows_text (GTK_WIDGET (window), language->welcome, TRUE));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (window), language->explore, TRUE));
  g_assert_cmpuint (assert_widget_translated (GTK_WIDGET (window)), >, 0);
  g_assert_true (assert_menus_translated (GTK_WIDGET (window), language->preferences));

  /* The list and its count, in the plural of the language. */
  pb_window_set_client (window, client);
  pb_test_wait_until_idle (window, 100);
  g_assert_cmpstr (pb_window_get_view (window), ==, "connections");
  count_demo_connections (&n_shown, &n_total);
  g_assert_cmpuint (n_shown, <, n_total);
  g_assert_cmpuint (n_shown, >, 1);
  count = g_strdup_printf ("%u %s %u %s, %u %s", n_shown, language->of, n_total,
                           language->connections, n_total - n_shown, language->hidden);
  g_test_message ("The count reads “%s”", count);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (window), count, TRUE));

  /* A connection's page. */
  shown = pb_window_get_shown_connections (window);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (shown), 0);
  pb_test_wait_until_idle (window, 100);
  g_assert_true (pb_test_shows_text (GTK_WIDGET (window), language->general, TRUE));
  g_assert_cmpuint (assert_widget_translated (GTK_WIDGET (window)), >, 0);
  g_assert_true (assert_menus_translated (GTK_WIDGET (window), language->preferences));

  /* The Test Connection dialog, once it has the service's answer. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.test-connection", NULL);
  pb_test_wait_until_idle (window, 100);
  dialog = find_test_dialog ();
  g_assert_nonnull (dialog);
  for (guint i = 0; i < 100 && pb_test_dialog_get_running (dialog); i++)
    pb_test_wait_until_idle (window, 100);
  g_assert_false (pb_test_dialog_get_running (dialog));
  g_assert_true (pb_test_shows_text (GTK_WIDGET (dialog), language->test, TRUE));
  g_assert_cmpuint (assert_widget_translated (GTK_WIDGET (dialog)), >, 0);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  pb_test_wait_until_idle (window, 100);
  g_assert_null (dialog);

  /* The preferences, with the form of a first account. */
  settings = g_settings_new (APP_ID);
  store = pb_account_store_new (settings);
  preferences = pb_preferences_window_new (GTK_WINDOW (window), store);
  g_object_ref_sink (preferences);
  gtk_window_present (GTK_WINDOW (preferences));
  pb_test_wait_until_idle (window, 100);
  g_assert_true (pb_test_shows_text (preferences, language->new_account, TRUE));
  g_assert_cmpuint (assert_widget_translated (preferences), >, 0);
  gtk_window_destroy (GTK_WINDOW (preferences));
  pb_test_wait_until_idle (window, 100);
  g_assert_finalize_object (preferences);
  g_assert_finalize_object (g_steal_pointer (&store));
  g_assert_finalize_object (g_steal_pointer (&settings));

  /* The keyboard shortcuts. */
  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/gtk/help-overlay.ui");
  shortcuts = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  g_assert_nonnull (shortcuts);
  gtk_window_present (GTK_WINDOW (shortcuts));
  pb_test_wait_until_idle (window, 100);
  g_assert_true (pb_test_shows_text (shortcuts, language->search, TRUE));
  g_assert_cmpuint (assert_widget_translated (shortcuts), >, 0);
  g_object_add_weak_pointer (G_OBJECT (shortcuts), (gpointer *) &shortcuts);
  gtk_window_destroy (GTK_WINDOW (shortcuts));
  g_clear_object (&builder);
  pb_test_wait_until_idle (window, 100);
  g_assert_null (shortcuts);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (window);
  g_assert_finalize_object (g_steal_pointer (&client));
  pb_demo_server_stop (server);
  g_assert_finalize_object (g_steal_pointer (&server));
}

static void
test_window_de (void)
{
  if (!g_test_subprocess ())
    {
      run_in_language ("de");
      return;
    }

  check_window_speaks ();
}

static void
test_window_fr (void)
{
  if (!g_test_subprocess ())
    {
      run_in_language ("fr");
      return;
    }

  check_window_speaks ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/i18n/catalogs/complete", test_catalogs_complete);
  g_test_add_func ("/i18n/catalogs/current", test_catalogs_current);
  g_test_add_func ("/i18n/plural-forms/de", test_plural_forms_de);
  g_test_add_func ("/i18n/plural-forms/fr", test_plural_forms_fr);
  g_test_add_func ("/i18n/date-format/de", test_date_format_de);
  g_test_add_func ("/i18n/date-format/fr", test_date_format_fr);
  g_test_add_func ("/i18n/window/de", test_window_de);
  g_test_add_func ("/i18n/window/fr", test_window_fr);

  return g_test_run ();
}
