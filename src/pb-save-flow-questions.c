/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-save-flow"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pb-save-flow-private.h"

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
