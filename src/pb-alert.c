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
  g_autofree char *key = g_strconcat ("pb-label-", id, NULL);

  /* Its button is found by its label (the dialog does not give its buttons). */
  g_object_set_data_full (G_OBJECT (alert), key, g_strdup (label), g_free);
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
  g_object_set_data_full (G_OBJECT (alert), "pb-default", g_strdup (id), g_free);
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (alert), id);
#else
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (alert), id);
#endif
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The keyboard on the default answer: where the buttons stack (a narrow window), the dialog
 * put it on the first of them, and Return answered that one, not the default shown. */
static void
focus_default (GtkWidget *alert)
{
  const char *id = g_object_get_data (G_OBJECT (alert), "pb-default");
  g_autofree char *key = g_strconcat ("pb-label-", id, NULL);
  GtkWidget *button = id != NULL ? find_button (alert, g_object_get_data (G_OBJECT (alert), key))
                                 : NULL;

  if (button != NULL)
    gtk_widget_grab_focus (button);
}

static gboolean
focus_default_idle (gpointer data)
{
  GWeakRef *ref = data;
  g_autoptr(GtkWidget) alert = g_weak_ref_get (ref);

  if (alert != NULL && gtk_widget_get_mapped (alert))
    focus_default (alert);

  return G_SOURCE_REMOVE;
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

void
pb_alert_present (GtkWidget *alert,
                  GtkWidget *parent)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  /* A screen reader reads each button's text once, without its mnemonic marker. */
  pb_accessible_name_text_buttons (alert);
#if ADW_CHECK_VERSION (1, 5, 0)
  adw_dialog_present (ADW_DIALOG (alert), parent);
#else
  gtk_window_present (GTK_WINDOW (alert));
#endif
  focus_default (alert);
  /* Again once shown: the dialog may give its own focus as it maps. */
  g_weak_ref_init (ref, alert);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, focus_default_idle, ref, weak_ref_free);
}

#if ADW_CHECK_VERSION (1, 5, 0)
G_GNUC_END_IGNORE_DEPRECATIONS
#endif
