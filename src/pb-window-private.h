/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pb-connection-editor.h"
#include "pb-connection-filter.h"
#include "pb-connection-page.h"
#include "pb-connection-sorter.h"
#include "pb-connection-store.h"
#include "pb-sort-filter-model.h"
#include "pb-window.h"
#include "pb-window-title.h"

G_BEGIN_DECLS

/* PbWindow spans pb-window.c (lifecycle, layout, what the store says), pb-window-status.c
 * (error pages, toasts and the offline banner), pb-window-filter.c (what the sidebar says of
 * its search and filters, and the selection they hid), pb-window-actions.c (what the
 * window's actions do), pb-window-edit.c (the edit form in place of the page) and
 * pb-window-write.c (the writes: Archive, Unarchive, History). */
struct _PbWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  PbWindowTitle        *loading_title;
  AdwStatusPage        *error_page;
  PbWindowTitle        *error_title;
  GtkWidget            *error_preferences_button;
  GtkWidget            *error_retry_button;
  GtkWidget            *welcome_button;
  GtkWidget            *error_details;
  GtkLabel             *error_details_label;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  PbWindowTitle        *sidebar_title;
  GtkStack             *refresh_stack;
  GtkStack             *sidebar_stack;
  GtkListView          *list_view;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkLabel             *count_label;
  GtkRevealer          *filter_bar;
  GtkLabel             *filter_label;
  GtkLabel             *banner_label;
  GtkWidget            *banner_button;
  GtkWidget            *unreadable_note;
  GtkLabel             *unreadable_label;
  GtkWidget            *test_button;
  GtkWidget            *edit_button;
  GtkWidget            *content_header;
  AdwStatusPage        *empty_page;
  GtkWidget            *content;
  AdwWindowTitle       *content_title;
  PbConnectionPage     *connection_page;
  GMenu                *accounts_section; /* from pb-window-menus.ui */
  GtkMenuButton        *welcome_menu_button;
  GtkMenuButton        *loading_menu_button;
  GtkMenuButton        *error_menu_button;
  GtkMenuButton        *sidebar_menu_button;
  GtkMenuButton        *connection_menu_button;
  GtkMenuButton        *filter_button;
  GtkWidget            *row_menu; /* a popover of the sidebar, for a row of the list */
  gboolean              focus_list_pending;   /* the list takes the focus once it has rows */
  gboolean              focus_list_connected;
  PbConnectionFilter   *filter;
  PbConnectionSorter   *sorter;
  PbSortFilterModel    *filter_model;
  /* The archived connections of the store, kept up to date as it changes: the count of those
   * hidden looks at them only. */
  GtkFilterListModel   *archived_model;
  guint                 hidden_archived;       /* of archived_model, while ... */
  gboolean              hidden_archived_valid; /* ... neither it nor the filter changed */
  GtkSingleSelection   *selection;
  PbConnectionStore    *store;

  char                 *subtitle;
  GSettings            *settings;
  GBinding             *title_binding;
  GCancellable         *reload_cancellable;
  /* The connection last selected, while a filter hides it: selected again when shown. */
  PbConnection         *kept_selection;
  gboolean              include_secrets;
  gboolean              production;
  /* An Archive or Unarchive goes through its steps (pb-window-write.c). */
  gboolean              writing;
  /* Over the page of an archived connection: why Edit is off, and Unarchive. */
  GtkWidget            *archived_banner;

  /* The error page's countdown to the next try (after a 429 with Retry-After). */
  guint                 retry_source_id;
  gint64                retry_at;       /* monotonic time */
  /* The offline page waits for the network to come back. */
  GNetworkMonitor      *network_monitor;
  gulong                network_changed_id;
  /* What the window showed when it started to load: Cancel goes back there. */
  const char           *view_before_loading;   /* interned */

  /* The edit form, while it is open in place of the page (pb-window-edit.c). */
  PbConnectionEditor   *editor;
  /* The save under way. */
  GCancellable         *edit_cancellable;
  /* Whether the user changed anything in the form (a new connection is always modified). */
  gboolean              editor_touched;
};

PbConnection *_pb_window_get_selected      (PbWindow     *self);
/* Loads the list again, or shows why there is nothing to load. */
void          _pb_window_load              (PbWindow     *self);
/* An error of loading: a toast over the list when it shows rows, else the error page. */
void          _pb_window_show_error        (PbWindow     *self,
                                            const GError *error);
/* A refresh failed: the banner over the offline copy, or as _pb_window_show_error(). */
void          _pb_window_show_load_error   (PbWindow     *self,
                                            const GError *error);
void          _pb_window_show_keyring_error (PbWindow    *self,
                                            const GError *error);
/* Stops what the error page waits for to try again: the end of its countdown, or the network. */
void          _pb_window_stop_waiting    (PbWindow     *self);
/* Stops the load under way and goes back to what the window showed before it, saying so. */
void          _pb_window_cancel_load       (PbWindow     *self);
/* The offline copy came while the list loads: the banner says from when. */
void          _pb_window_update_banner     (PbWindow     *self);
/* The note under the list: how many connections have fields Plugboard cannot read. */
void          _pb_window_update_unreadable_note (PbWindow  *self);
/* Toast titles are Pango markup in libadwaita 1.2: the text is escaped. */
AdwToast     *_pb_window_toast_new         (const char   *text);
void          _pb_window_activate_position (PbWindow     *self,
                                            guint         position);

/* Sets up what pb-window-filter.c keeps: the archived connections, the kept selection. */
void          _pb_window_init_filter_state (PbWindow   *self);
/* The count under the list and the bar of the filters in force. */
void          _pb_window_update_filter_state (PbWindow   *self);
/* A page of its own (welcome, error) was shown: the keyboard starts on its main button. */
void          _pb_window_focus_main_button (PbWindow   *self);
void          _pb_window_update_empty_page (PbWindow   *self,
                                            guint       total);
/* Drops the search and the kinds chosen (not "Show Archived", a setting). */
void          _pb_window_clear_filter      (PbWindow     *self);
/* The position in the list shown of `connection` (or, when NULL, of the connection of `ref`),
 * or GTK_INVALID_LIST_POSITION. */
guint         _pb_window_find_shown        (PbWindow     *self,
                                            PbConnection *connection,
                                            const char   *ref);
/* Selects the connection of `ref` when the list shows it, after clearing a filter that hides
 * it with `clear_filter`; FALSE when it is not shown. */
gboolean      _pb_window_select_ref        (PbWindow     *self,
                                            const char   *ref,
                                            gboolean      clear_filter);
/* The search bar closed: its entry shows the search in force again, for when it opens. */
void          _pb_window_search_mode_changed (PbWindow   *self);
/* The selection changed to `selected` (NULL: none). */
void          _pb_window_keep_selection    (PbWindow     *self,
                                            PbConnection *selected);

void          _pb_window_class_add_actions (GtkWidgetClass *widget_class);
void          _pb_window_add_actions       (PbWindow       *self);

/* Editing (pb-window-edit.c): win.edit, win.new-connection, win.duplicate and the form. */
void          _pb_window_class_add_edit_actions (GtkWidgetClass *widget_class);
void          _pb_window_init_edit         (PbWindow       *self);
/* Enables the actions that open the form, as the selection and the store allow. */
void          _pb_window_update_edit_actions (PbWindow     *self);
/* Whether the edit form is open. */
gboolean      _pb_window_is_editing        (PbWindow       *self);
/* pb-window-write.c: win.archive, win.unarchive and win.history, enabled as the selection,
 * the client and the offline copy allow. */
void          _pb_window_class_add_write_actions (GtkWidgetClass *widget_class);
void          _pb_window_init_write        (PbWindow       *self);

G_END_DECLS
