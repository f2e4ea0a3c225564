/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-connection-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pb-connection-page-private.h"
#include "pb-format.h"
#include "pb-placeholders.h"

/* The notes of the connection page: rows with a warning icon that point out what does not add
 * up, fields Plugboard cannot read and placeholders without an input mapping. They stay on the
 * page for as long as it shows the connection. */

static void
remove_notes (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* A row of `list`: a warning icon, `title` and `subtitle` as plain text. */
static void
add_note (GtkListBox *list,
          const char *title,
          const char *subtitle)
{
  g_autofree char *shown = pb_format_for_display (title, PB_FORMAT_MESSAGE_CHARS);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE,
                                  "icon-name", "dialog-warning-symbolic",
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  "valign", GTK_ALIGN_CENTER,
                                  NULL);

  gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), shown);
  adw_preferences_row_set_title_selectable (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_append (list, row);
}

typedef enum
{
  NAMES_PLAIN,        /* revision */
  NAMES_PLACEHOLDERS, /* ${city} */
  NAMES_QUOTED,       /* “city” */
} NamesStyle;

/* "a, b, c", each in `style`. */
static char *
join_names (const char * const *names,
            NamesStyle          style)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (i > 0)
        /* Translators: between the names of a list ("${a}, ${b}") */
        g_string_append (text, _(", "));
      if (style == NAMES_PLACEHOLDERS)
        g_string_append_printf (text, "${%s}", names[i]);
      else if (style == NAMES_QUOTED)
        /* Translators: a key of an input mapping, in quotes */
        g_string_append_printf (text, _("“%s”"), names[i]);
      else
        g_string_append (text, names[i]);
    }

  return g_string_free (text, FALSE);
}

/* The rows that show a place, by its last member: "socketTimeout (Read Timeout)" says where
 * to look on the page. The titles are those of pb-connection-page.ui. */
static const struct
{
  const char *member;
  const char *title;
} row_titles[] = {
  { "description", N_("Description") },
  { "ref", N_("Reference") },
  { "clientKey", N_("Client Key") },
  { "revision", N_("Revision") },
  { "modifiedAt", N_("Last Modified") },
  { "modifiedByRef", N_("Modified By") },
  { "icon", N_("Icon") },
  { "requestType", N_("Method") },
  { "connectionUrl", N_("URL") },
  { "requestBody", N_("Body") },
  { "connectionTimeout", N_("Connection Timeout") },
  { "socketTimeout", N_("Read Timeout") },
  { "exampleValue", N_("Example Value") },
};

static char *
describe_place (const char *place)
{
  const char *dot = strrchr (place, '.');
  const char *member = dot != NULL ? dot + 1 : place;

  for (guint i = 0; i < G_N_ELEMENTS (row_titles); i++)
    {
      const char *title = _(row_titles[i].title);

      /* "revision" needs no "(Revision)". */
      if (g_str_equal (member, row_titles[i].member) && g_ascii_strcasecmp (member, title) != 0)
        /* Translators: a place in the connection's JSON and the title of the row that shows
         * it, as in "socketTimeout (Read Timeout)" */
        return g_strdup_printf (_("%s (%s)"), place, title);
    }

  return g_strdup (place);
}

void
_pb_connection_page_show_unreadable_note (GtkListBox   *list,
                                          PbConnection *connection)
{
  const char * const *fields;
  g_autofree char *names = NULL;
  g_autofree char *title = NULL;
  guint n;

  remove_notes (list);
  fields = connection != NULL ? pb_connection_get_unreadable_fields (connection) : NULL;
  n = fields != NULL ? g_strv_length ((char **) fields) : 0;
  gtk_widget_set_visible (GTK_WIDGET (list), n > 0);
  if (n == 0)
    return;

  {
    g_autoptr(GPtrArray) described = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; i < n; i++)
      g_ptr_array_add (described, describe_place (fields[i]));
    g_ptr_array_add (described, NULL);
    names = join_names ((const char * const *) described->pdata, NAMES_PLAIN);
  }
  /* Translators: %s is a list of places in the connection's JSON ("revision, socketTimeout") */
  title = g_strdup_printf (ngettext ("Plugboard cannot read this field: %s",
                                     "Plugboard cannot read these fields: %s", n),
                           names);
  add_note (list, title,
            /* Translators: "JSON" is the title of the group at the end of the page that shows
             * every field of the connection */
            ngettext ("Plugboard kept it as received and shows it under JSON.",
                      "Plugboard kept them as received and shows them under JSON.", n));
}

void
_pb_connection_page_show_placeholder_notes (GtkListBox   *list,
                                            PbConnection *connection)
{
  g_auto(GStrv) unmapped = NULL;
  g_auto(GStrv) unused = NULL;
  guint n_unmapped, n_unused;

  remove_notes (list);
  if (connection != NULL)
    {
      unmapped = pb_placeholders_dup_unmapped (connection);
      unused = pb_placeholders_dup_unused (connection);
    }
  n_unmapped = unmapped != NULL ? g_strv_length (unmapped) : 0;
  n_unused = unused != NULL ? g_strv_length (unused) : 0;
  gtk_widget_set_visible (GTK_WIDGET (list), n_unmapped + n_unused > 0);

  if (n_unmapped > 0)
    {
      g_autofree char *names = join_names ((const char * const *) unmapped, NAMES_PLACEHOLDERS);
      /* Translators: %s is a list of placeholders of the request ("${city}, ${lang}") */
      g_autofree char *title = g_strdup_printf (ngettext ("Placeholder %s has no input mapping",
                                                          "Placeholders %s have no input mapping",
                                                          n_unmapped),
                                                names);

      add_note (list, title,
                ngettext ("No input mapping has its name as key, so nothing fills it.",
                          "No input mapping has their names as keys, so nothing fills them.",
                          n_unmapped));
    }

  if (n_unused > 0)
    {
      g_autofree char *names = join_names ((const char * const *) unused, NAMES_QUOTED);
      /* Translators: %s is a list of keys of input mappings ("“city”, “lang”") */
      g_autofree char *title = g_strdup_printf (ngettext ("Input mapping %s is not used",
                                                          "Input mappings %s are not used",
                                                          n_unused),
                                                names);

      add_note (list, title,
                ngettext ("No placeholder of the URL, headers, URL parameters or body names it.",
                          "No placeholder of the URL, headers, URL parameters or body names them.",
                          n_unused));
    }
}
