/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pb-preferences-window.h"

G_BEGIN_DECLS

/* PbPreferencesWindow spans pb-preferences-window.c (the list of accounts and the form) and
 * pb-preferences-window-actions.c (what the buttons do: check, save, sign out, clear). */

struct _PbPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  PbAccountStore       *store;
  /* The account whose form is shown: the store's, or a new one until it is saved. */
  PbAccount            *account;
  /* Check, save or sign-out in flight; cancelled when another starts or the window goes. */
  GCancellable         *cancellable;
  gboolean              busy;
  /* Set while the rows are made again: their selection does not change the form. */
  gboolean              rebuilding;
  /* Set while the code (not the user) changes the form. */
  gboolean              filling;
  gboolean              syncing_region;
  /* Closing was asked for with unsaved changes: close once they are saved, or at once when
   * they are discarded. */
  gboolean              close_after_save;
  gboolean              discard_changes;

  GtkListBox           *accounts_list;
  AdwPreferencesGroup  *server_group;
  AdwEntryRow          *name_row;
  GtkSwitch            *production_switch;
  AdwComboRow          *region_row;
  AdwEntryRow          *base_url_row;
  GtkLabel             *base_url_error;
  AdwPreferencesGroup  *sign_in_group;
  AdwComboRow          *sign_in_row;
  AdwEntryRow          *client_id_row;
  AdwPasswordEntryRow  *secret_row;
  AdwExpanderRow       *advanced_row;
  AdwEntryRow          *token_endpoint_row;
  AdwEntryRow          *audience_row;
  GtkLabel             *token_endpoint_error;
  GtkButton            *check_button;
  GtkSpinner           *spinner;
  GtkButton            *sign_out_button;
  GtkButton            *save_button;
  GtkLabel             *status_label;
};

typedef enum
{
  PB_PREFERENCES_STATUS_NONE,
  PB_PREFERENCES_STATUS_INFO,
  PB_PREFERENCES_STATUS_SUCCESS,
  PB_PREFERENCES_STATUS_ERROR,
} PbPreferencesStatus;

/* The line under the buttons: what happened, styled by its kind. */
void          _pb_preferences_window_set_status    (PbPreferencesWindow *self,
                                                    PbPreferencesStatus  kind,
                                                    const char          *message);
void          _pb_preferences_window_set_busy      (PbPreferencesWindow *self,
                                                    gboolean             busy);
/* Cancels what is in flight (a check of other credentials, …) and returns a new cancellable. */
GCancellable *_pb_preferences_window_restart_cancellable (PbPreferencesWindow *self);
/* The account as the form describes it: a copy of the edited one (same id), so that saving it
 * updates that account and a secret left empty means the saved one. */
PbAccount    *_pb_preferences_window_build_account (PbPreferencesWindow *self);
/* Shows the form of `account` (one of the store's), or of a new account when NULL. */
void          _pb_preferences_window_set_account   (PbPreferencesWindow *self,
                                                    PbAccount           *account);
/* After a save: shows `account` (the one now in the store) and its row. */
void          _pb_preferences_window_show_saved    (PbPreferencesWindow *self,
                                                    PbAccount           *account);

/* Whether the form says something other than the account shown (an entered secret counts). */
gboolean      _pb_preferences_window_has_changes   (PbPreferencesWindow *self);
/* Asks whether to save, discard or keep editing unsaved changes before the window closes. */
void          _pb_preferences_window_ask_to_close  (PbPreferencesWindow *self);

/* Binds the buttons' template callbacks (pb-preferences-window-actions.c). */
void          _pb_preferences_window_class_init_actions (GtkWidgetClass *widget_class);

G_END_DECLS
