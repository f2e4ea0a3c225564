/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pb-compare-window.h"
#include "pb-connection-draft.h"
#include "pb-diff-view.h"

G_BEGIN_DECLS

/* One account the pickers offer. */
typedef struct
{
  char     *title;
  PbClient *client;
  char     *cache_id;   /* the account's id: its offline copy and history (a demo data
                         * set's: pb_application_get_demo_source_id()) */
  char     *base_url;   /* the tenant's API, for the self-reference flags */
  gboolean  production;
  GError   *error;      /* why it has no client (a demo server that could not start) */
  gboolean  demo_shown; /* the demo data set the application's windows show */
  GListModel *connections; /* an imported file's (then no client): only a source */
} PbCompareSide;

struct _PbCompareWindow
{
  AdwWindow            parent_instance;

  GPtrArray           *sides;          /* of PbCompareSide */
  guint                source_index;
  guint                target_index;
  gboolean             picking;        /* the pickers' lists are being replaced */
  PbConnectionStore   *stores[2];      /* source, target */
  PbCompare           *compare;
  GCancellable        *cancellable;    /* of the loading under way */
  GCancellable        *copy_cancellable;
  const char          *view;
  guint                n_loading;
  guint                n_importing;
  PbCompareGroup       group;
  GtkCustomFilter     *filter;
  GtkFilterListModel  *pairs;
  GtkSingleSelection  *selection;
  PbComparePair       *pair;           /* the pair shown on the right */
  GHashTable          *checked;        /* sources chosen for a batch (PbConnection, ref) */
  gboolean             binding;        /* a row's check box is being set */
  GtkWidget           *batch_button;
  GStrv                batch_results;  /* what became of each of the last batch */
  PbConnection        *follow;         /* of the source, to choose once grouped again */

  AdwToastOverlay     *toast_overlay;
  GtkWidget           *back_button;
  GtkWidget           *refresh_button;
  GtkWidget           *pickers_bar;
  GtkWidget           *pickers_separator;
  GtkDropDown         *source_dropdown;
  GtkDropDown         *target_dropdown;
  GtkStack            *main_stack;
  AdwStatusPage       *status_page;
  GtkStack            *status_stack;
  GtkSpinner          *spinner;
  AdwLeaflet          *leaflet;
  GtkWidget           *groups_pane;
  GtkListBox          *groups_list;
  GtkWidget           *count_labels[PB_COMPARE_N_GROUPS];
  GtkWidget           *group_labels[PB_COMPARE_N_GROUPS];
  GtkStack            *pairs_stack;
  GtkListView         *pairs_view;
  GtkStack            *detail_stack;
  GtkLabel            *pair_title;
  GtkLabel            *pair_summary;
  GtkWidget           *pair_header;    /* the name beside its buttons, or above when narrow */
  GtkWidget           *pair_buttons;
  GtkWidget           *copy_button;
  GtkMenuButton       *pair_menu_button;
  GtkLabel            *error_label;
  AdwPreferencesGroup *flags_group;
  GPtrArray           *flag_rows;
  AdwPreferencesGroup *secret_group;
  AdwPasswordEntryRow *secret_row;
  AdwActionRow        *without_row;
  GtkCheckButton      *without_check;
  AdwPreferencesGroup *changes_group;
  PbDiffView          *diff_view;
  AdwPreferencesGroup *kept_group;     /* made on first use, after changes_group */
  GtkLabel            *copy_reason_label; /* why Copy is greyed; made on first use */
};

PbCompareSide *_pb_compare_window_get_side     (PbCompareWindow *self,
                                                gboolean         target);
void           _pb_compare_window_update_pickers (PbCompareWindow *self);

/* pb-compare-window-keys.c: for a screen reader and the keyboard. */
void           _pb_compare_window_setup_pickers      (PbCompareWindow *self);
void           _pb_compare_window_add_group_row      (PbCompareWindow *self,
                                                      PbCompareGroup   group,
                                                      const char      *title);
void           _pb_compare_window_update_group_names (PbCompareWindow *self);
void           _pb_compare_window_add_check_key      (PbCompareWindow *self);

/* pb-compare-window-accounts.c: the accounts offered (PbCompareSide), added to `sides`. */
void           _pb_compare_side_free           (PbCompareSide   *side);
void           _pb_compare_window_add_sides    (GPtrArray       *sides,
                                                PbApplication   *application);

/* pb-compare-window-pair.c: the rows of the list, the pair shown, the secret, and Copy to
 * <target>. */
void           _pb_compare_window_setup_pair_row (GtkSignalListItemFactory *factory,
                                                  GtkListItem              *item,
                                                  gpointer                  user_data);
void           _pb_compare_window_bind_pair_row  (GtkSignalListItemFactory *factory,
                                                  GtkListItem              *item,
                                                  gpointer                  user_data);
void           _pb_compare_window_show_pair    (PbCompareWindow *self,
                                                PbComparePair   *pair);
void           _pb_compare_window_show_secret  (PbCompareWindow *self);
void           _pb_compare_window_update_copy  (PbCompareWindow *self);
void           _pb_compare_window_copy_action  (GtkWidget       *widget,
                                                const char      *action_name,
                                                GVariant        *param);

gboolean           _pb_compare_window_can_copy_group (PbComparePair *pair);
PbConnectionDraft *_pb_compare_window_make_draft (PbComparePair  *pair,
                                                  const char     *secret,
                                                  GError        **error);
void           _pb_compare_window_refresh_target_windows (PbCompareWindow *self);
/* What the pair's source has to check (its self-references), for the copy's preview. */
void           _pb_compare_window_set_warning (PbCompareWindow   *self,
                                               PbComparePair     *pair,
                                               PbConnectionDraft *draft);

/* pb-compare-window-batch.c: several connections chosen (the rows' check boxes), and
 * Copy N to <target>. */
void           _pb_compare_window_check_toggled_cb (GtkCheckButton  *check,
                                                    PbCompareWindow *self);
void           _pb_compare_window_bind_check       (PbCompareWindow *self,
                                                    GtkWidget       *check,
                                                    PbComparePair   *pair);
void           _pb_compare_window_update_batch     (PbCompareWindow *self);
void           _pb_compare_window_batch_action     (GtkWidget       *widget,
                                                    const char      *action_name,
                                                    GVariant        *param);

/* pb-compare-window-import.c: a file exported by Plugboard as the source. */
GPtrArray     *_pb_compare_window_steal_files  (PbCompareWindow *self);
void           _pb_compare_window_import_action (GtkWidget      *widget,
                                                 const char     *action_name,
                                                 GVariant       *param);

/* pb-compare-window-actions.c: History, Pair With…, Unpair. */
void           _pb_compare_window_follow           (PbCompareWindow *self);
void           _pb_compare_window_update_pair_menu (PbCompareWindow *self);
void           _pb_compare_window_class_add_actions (GtkWidgetClass *widget_class);

G_END_DECLS
