/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-alert"

#include "config.h"

#include "pb-accessible.h"
#include "pb-alert.h"

/* libadwaita 1.5 replaced the message dialog (a window of its own) by the alert dialog (a
 * dialog inside the window); 1.7's message dialog asks its labels for less width than they
 * need. The newer API where it is there, behind this one check. */
#if ADW_CHECK_VERSION (1, 5, 0)
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
#endif

GtkWidget *
pb_alert_new (GtkWidget  *parent,
              const char *heading,
              const char *body,
              const char *cancel,
              const char *cancel_label)
{
  GtkWidget *alert;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);

#if ADW_CHECK_VERSION (1, 5, 0)
  alert = GTK_WIDGET (adw_alert_dialog_new (heading, body));
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (alert), cancel);
#else
  alert = adw_message_dialog_new (GTK_WINDOW (parent), heading, body);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (alert), cancel);
#endif
  pb_alert_add_response (alert, cancel, cancel_label, ADW_RESPONSE_DEFAULT);
  pb_alert_set_default_response (alert, cancel);

  return alert;
}

void
pb_alert_add_response (GtkWidget             *alert,
                       const char            *id,
                       const char            *label,
                       AdwResponseAppearance  appearance)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (alert), id, label);
  adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (alert), id, appearance);
#else
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (alert), id, label);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (alert), id, appearance);
#endif
}

void
pb_alert_set_default_response (GtkWidget  *alert,
                               const char *id)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (alert), id);
#else
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (alert), id);
#endif
}

void
pb_alert_present (GtkWidget *alert,
                  GtkWidget *parent)
{
  /* A screen reader reads each button's text once, without its mnemonic marker. */
  pb_accessible_name_text_buttons (alert);
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_present (ADW_DIALOG (alert), parent);
#else
  gtk_window_present (GTK_WINDOW (alert));
#endif
}

#if ADW_CHECK_VERSION (1, 5, 0)
G_GNUC_END_IGNORE_DEPRECATIONS
#endif
