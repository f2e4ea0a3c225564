/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-save-flow"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pb-save-flow-private.h"
#include "pb-save-preview.h"

/* The questions of the save flow (the production guard, an unknown outcome), as
 * pb-save-flow-private.h says. */

/* {{{ Questions: an alert dialog on libadwaita 1.5 and newer, a message dialog before */

#if ADW_CHECK_VERSION (1, 5, 0)
/* libadwaita 1.5 replaced the message dialog (a window of its own) by the alert dialog (a
 * dialog inside a window), as in pb-preferences-window-actions.c. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
#endif

GtkWidget *
_pb_question_new (GtkWindow  *parent,
                  const char *heading,
                  const char *body)
{
  GtkWidget *dialog;

#if ADW_CHECK_VERSION (1, 5, 0)
  dialog = GTK_WIDGET (adw_alert_dialog_new (heading, body));
  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
  (void) parent;
#else
  dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
#endif

  return dialog;
}

void
_pb_question_add_response (GtkWidget             *dialog,
                           const char            *id,
                           const char            *label,
                           AdwResponseAppearance  appearance,
                           gboolean               is_default)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), id, label);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), id, appearance);
  if (is_default)
    adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), id);
#else
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), id, label);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), id, appearance);
  if (is_default)
    adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), id);
#endif
}

void
_pb_question_set_cancel_label (GtkWidget  *dialog,
                               const char *label)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_alert_dialog_set_response_label (ADW_ALERT_DIALOG (dialog), "cancel", label);
#else
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (dialog), "cancel", label);
#endif
}

void
_pb_question_set_extra_child (GtkWidget *dialog,
                              GtkWidget *child)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_alert_dialog_set_extra_child (ADW_ALERT_DIALOG (dialog), child);
#else
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), child);
#endif
}

void
_pb_question_set_response_enabled (GtkWidget  *dialog,
                                   const char *id,
                                   gboolean    enabled)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_alert_dialog_set_response_enabled (ADW_ALERT_DIALOG (dialog), id, enabled);
#else
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), id, enabled);
#endif
}

void
_pb_question_respond (GtkWidget  *dialog,
                      const char *id)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  /* An alert dialog has no call of its own for this: its signal, then it closes. */
  g_signal_emit_by_name (dialog, "response", id);
  adw_dialog_close (ADW_DIALOG (dialog));
#else
  /* As its buttons do: the response, then it closes (its close response comes after, and
   * the flow, which forgot it, ignores that). */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), id);
  gtk_window_close (GTK_WINDOW (dialog));
#endif
}

void
_pb_question_present (GtkWidget *dialog,
                      GtkWindow *parent)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_present (ADW_DIALOG (dialog), GTK_WIDGET (parent));
#else
  gtk_window_present (GTK_WINDOW (dialog));
#endif
}

#if ADW_CHECK_VERSION (1, 5, 0)
G_GNUC_END_IGNORE_DEPRECATIONS
#endif

/* }}} */

/* {{{ The production guard */

static gboolean
guard_matches (GtkWidget   *dialog,
               GtkEditable *entry)
{
  return g_strcmp0 (gtk_editable_get_text (entry),
                    g_object_get_data (G_OBJECT (dialog), "pb-guard-expected")) == 0;
}

static void
guard_changed_cb (GtkEditable *entry,
                  GtkWidget   *dialog)
{
  _pb_question_set_response_enabled (dialog, "confirm", guard_matches (dialog, entry));
}

static void
guard_activate_cb (GtkEditable *entry,
                   GtkWidget   *dialog)
{
  if (guard_matches (dialog, entry))
    _pb_question_respond (dialog, "confirm");
}

GtkWidget *
_pb_question_new_guard (GtkWindow   *parent,
                        PbSaveKind   kind,
                        const char  *body,
                        const char  *expected,
                        gboolean     account,
                        GtkWidget  **entry_out)
{
  GtkWidget *dialog = _pb_question_new (parent, _pb_save_flow_guard_heading (kind), body);
  GtkWidget *entry = gtk_entry_new ();

  _pb_question_add_response (dialog, "confirm", pb_save_kind_get_action_label (kind),
                             ADW_RESPONSE_DESTRUCTIVE, FALSE);
  _pb_question_set_response_enabled (dialog, "confirm", FALSE);
  g_object_set_data_full (G_OBJECT (dialog), "pb-guard-expected", g_strdup (expected), g_free);

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry),
                                  account ? _("Account name") : _("Connection name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  account ? _("Type the account’s name to confirm")
                                          : _("Type the connection’s name to confirm"),
                                  -1);
  g_signal_connect_object (entry, "changed", G_CALLBACK (guard_changed_cb), dialog, 0);
  g_signal_connect_object (entry, "activate", G_CALLBACK (guard_activate_cb), dialog, 0);
  _pb_question_set_extra_child (dialog, entry);

  *entry_out = entry;
  return dialog;
}

/* }}} */
