/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-window-filter"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-format.h"
#include "pb-window-private.h"

/* What the sidebar says of its search and filters: the count under the list (and what it
 * hides), the bar that keeps the filters in force in sight while the search bar is closed,
 * with a one-click clear; and the selection a filter hid, selected again when it shows. */

/* How much of the search the count and the filter bar repeat. */
#define SEARCH_SHOWN_CHARS 40

static gboolean
connection_is_archived (gpointer item,
                        gpointer user_data)
{
  return pb_connection_get_archived (item);
}

static void
pb_window_invalidate_hidden_archived (PbWindow *self)
{
  self->hidden_archived_valid = FALSE;
}

/* Counted once for each change of the filter or of the archived connections, not each time
 * the sidebar updates (a few times for each). */
static guint
pb_window_get_hidden_archived (PbWindow *self)
{
  if (!self->hidden_archived_valid)
    {
      self->hidden_archived =
        pb_connection_filter_count_hidden_archived (self->filter,
                                                    G_LIST_MODEL (self->archived_model));
      self->hidden_archived_valid = TRUE;
    }

  return self->hidden_archived;
}

/* Rows came or went (after the selection took note): the kept selection, if it shows again,
 * is selected again. Looking for it costs a look-up in the filtered list for each row before
 * it, so only once it matches (PbSortFilterModel is never behind its store); then it is
 * selected, or gone. */
static void
pb_window_restore_selection (PbWindow *self)
{
  GListModel *shown = G_LIST_MODEL (self->filter_model);

  if (self->kept_selection == NULL || _pb_window_get_selected (self) != NULL ||
      !gtk_filter_match (GTK_FILTER (self->filter), self->kept_selection))
    return;

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(PbConnection) connection = g_list_model_get_item (shown, i);

      if (connection == self->kept_selection)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }

  /* It matches, the list is complete, and it is not there: gone from the store. */
  g_clear_object (&self->kept_selection);
}

void
_pb_window_init_filter_state (PbWindow *self)
{
  GtkCustomFilter *archived = gtk_custom_filter_new (connection_is_archived, NULL, NULL);

  self->archived_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                                    GTK_FILTER (archived));
  g_signal_connect_object (self->archived_model, "items-changed",
                           G_CALLBACK (pb_window_invalidate_hidden_archived), self,
                           G_CONNECT_SWAPPED);
  /* After the filtered list's own handler (the template connected it): it is up to date. */
  g_signal_connect_object (self->filter, "changed",
                           G_CALLBACK (pb_window_invalidate_hidden_archived), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (pb_window_restore_selection), self, G_CONNECT_SWAPPED);
}

static char *
pb_window_count_text (PbWindow *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  gboolean searching = pb_connection_filter_get_search_key (self->filter) != NULL;
  gboolean kinds = pb_connection_filter_get_has_kinds (self->filter);
  guint archived = pb_window_get_hidden_archived (self);
  g_autofree char *search = NULL;
  g_autofree char *count = NULL;

  if (shown == total && !searching && !kinds)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u connection", "%u connections",
                                         total),
                            total);

  if (searching)
    search = pb_format_for_display (pb_connection_filter_get_search (self->filter),
                                    SEARCH_SHOWN_CHARS);

  if (searching && kinds)
    /* Translators: the count under the list while a search and filters are in force:
     * "2 of 40 connections match “smtp” and the filters" */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u of %u connection matches “%s” and the filters",
                                          "%u of %u connections match “%s” and the filters",
                                          total),
                             shown, total, search);
  else if (searching)
    /* Translators: the count under the list while a search is in force:
     * "2 of 40 connections match “smtp”" */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u connection matches “%s”",
                                          "%u of %u connections match “%s”", total),
                             shown, total, search);
  else if (kinds)
    /* Translators: the count under the list while filters are in force:
     * "6 of 40 connections match the filters" */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u of %u connection matches the filters",
                                          "%u of %u connections match the filters", total),
                             shown, total);
  else
    /* Translators: "12 of 40 connections" */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u connection",
                                          "%u of %u connections", total),
                             shown, total);

  if (archived == 0)
    return g_steal_pointer (&count);

  /* Translators: the count under the list, then how many archived connections "Show
   * Archived" would add: "20 of 24 connections, 4 archived hidden" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u archived hidden",
                                       "%s, %u archived hidden", archived),
                          count, archived);
}

/* The words of the filter menu for the kinds chosen, after the search: "“smtp” · Destinations
 * · PUT"; NULL when neither is in force. */
static char *
pb_window_filter_text (PbWindow *self)
{
  static const struct {
    const char *code;
    const char *label;
  } kinds[] = {
    { "DATA_SYSTEM", N_("Data Systems") },
    { "DESTINATION", N_("Destinations") },
    { "NONE", N_("No Authentication") },
    { "OAUTH", N_("OAuth 2.0") },
  };
  const char *chosen[] = {
    pb_connection_filter_get_system_type (self->filter),
    pb_connection_filter_get_auth_type (self->filter),
    pb_connection_filter_get_request_type (self->filter),
  };
  g_autoptr(GString) text = g_string_new (NULL);
  /* Translators: the parts of a connection's summary line are joined with this */
  const char *separator = _(" · ");

  if (pb_connection_filter_get_search_key (self->filter) != NULL)
    {
      g_autofree char *search = pb_format_for_display (pb_connection_filter_get_search (self->filter),
                                                       SEARCH_SHOWN_CHARS);

      /* Translators: the search in the bar of the filters in force, in quotes */
      g_string_append_printf (text, _("“%s”"), search);
    }

  for (guint i = 0; i < G_N_ELEMENTS (chosen); i++)
    {
      const char *label = chosen[i];

      if (label == NULL)
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        if (g_ascii_strcasecmp (chosen[i], kinds[k].code) == 0)
          label = _(kinds[k].label);
      if (text->len > 0)
        g_string_append (text, separator);
      g_string_append (text, label);
    }

  if (text->len == 0)
    return NULL;

  /* Translators: the bar above the list while a search or filters are in force:
   * "Filtered by “smtp” · Destinations" */
  return g_strdup_printf (_("Filtered by %s"), text->str);
}

void
_pb_window_update_filter_state (PbWindow *self)
{
  g_autofree char *count = pb_window_count_text (self);
  g_autofree char *filters = pb_window_filter_text (self);
  gboolean searching = pb_connection_filter_get_search_key (self->filter) != NULL;
  gboolean kinds = pb_connection_filter_get_has_kinds (self->filter);

  g_assert (PB_IS_WINDOW (self));

  gtk_label_set_text (self->count_label, count);

  /* The search bar shows the search while it is open; the kinds show nowhere else. */
  gtk_label_set_text (self->filter_label, filters ?: "");
  gtk_revealer_set_reveal_child (self->filter_bar,
                                 kinds ||
                                 (searching && !gtk_search_bar_get_search_mode (self->search_bar)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-filter", searching || kinds);
}

void
_pb_window_clear_filter (PbWindow *self)
{
  static const char * const kind_actions[] = { "filter-system", "filter-auth", "filter-method" };
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));
  gboolean focus_in_bar = focus != NULL && gtk_widget_is_ancestor (focus,
                                                                   GTK_WIDGET (self->filter_bar));

  g_assert (PB_IS_WINDOW (self));

  for (guint i = 0; i < G_N_ELEMENTS (kind_actions); i++)
    g_action_group_activate_action (G_ACTION_GROUP (self), kind_actions[i],
                                    g_variant_new_string ("all"));
  /* The entry is empty at once; its search-changed comes later, and not while it is closed. */
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  pb_connection_filter_set_search (self->filter, NULL);
  _pb_window_update_filter_state (self);

  /* The button goes with the bar: the keyboard goes on in the list. */
  if (focus_in_bar)
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

void
_pb_window_search_mode_changed (PbWindow *self)
{
  const char *search = pb_connection_filter_get_search (self->filter);

  g_assert (PB_IS_WINDOW (self));

  if (!gtk_search_bar_get_search_mode (self->search_bar))
    {
      GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));

      /* GtkSearchBar empties its entry when it closes; the search stays in force (the filter
       * bar says so), and the entry shows it again when the bar opens. */
      if (search != NULL && *search != '\0')
        gtk_editable_set_text (GTK_EDITABLE (self->search_entry), search);

      /* Escape goes back to the list, not to whatever comes next (Clear Filter). */
      if (focus == NULL || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_bar)))
        gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
    }

  _pb_window_update_filter_state (self);
}

void
_pb_window_keep_selection (PbWindow     *self,
                           PbConnection *selected)
{
  g_assert (PB_IS_WINDOW (self));

  if (selected != NULL)
    g_set_object (&self->kept_selection, selected);
  else if (self->kept_selection != NULL &&
           gtk_filter_match (GTK_FILTER (self->filter), self->kept_selection))
    /* Unselected, or gone from the store: not a filter's doing. */
    g_clear_object (&self->kept_selection);
}

/* The page of an empty list says why it is empty: the search, the kinds chosen, every
 * connection archived, or none at all (`total` in the store). */
void
_pb_window_update_empty_page (PbWindow *self,
                              guint     total)
{
  const char *typed = pb_connection_filter_get_search (self->filter) ?: "";

  adw_status_page_set_title (self->empty_page, _("No Connections"));
  if (pb_connection_filter_get_search_key (self->filter) != NULL && *typed != '\0')
    {
      g_autofree char *shown_typed = pb_format_for_display (typed, PB_FORMAT_TITLE_CHARS);
      g_autofree char *title = g_strdup_printf (_("No connections match “%s”"), shown_typed);

      adw_status_page_set_title (self->empty_page, title);
      adw_status_page_set_description (self->empty_page,
                                       _("Try other words, or change the filters."));
    }
  else if (pb_connection_filter_get_has_kinds (self->filter))
    adw_status_page_set_description (self->empty_page,
                                     _("No connection is of the kinds chosen in the filters."));
  else if (total > 0)
    adw_status_page_set_description (self->empty_page,
                                     _("Every connection of this account is archived. "
                                       "Choose “Show Archived” in the main menu to see them."));
  else
    adw_status_page_set_description (self->empty_page,
                                     _("This account has no connections yet. Connections "
                                       "are created in Sitecore Personalize."));
}

guint
_pb_window_find_shown (PbWindow     *self,
                       PbConnection *connection,
                       const char   *ref)
{
  GListModel *shown = G_LIST_MODEL (self->selection);

  g_return_val_if_fail (connection != NULL || ref != NULL, GTK_INVALID_LIST_POSITION);

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(PbConnection) item = g_list_model_get_item (shown, i);

      if (connection != NULL ? item == connection
                             : g_strcmp0 (pb_connection_get_ref (item), ref) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

gboolean
_pb_window_select_ref (PbWindow   *self,
                       const char *ref,
                       gboolean    clear_filter)
{
  guint position = _pb_window_find_shown (self, NULL, ref);

  if (position == GTK_INVALID_LIST_POSITION && clear_filter)
    {
      _pb_window_clear_filter (self);
      position = _pb_window_find_shown (self, NULL, ref);
    }
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  gtk_single_selection_set_selected (self->selection, position);
  return TRUE;
}
