/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-test-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-accessible.h"
#include "pb-client.h"
#include "pb-connection.h"
#include "pb-export.h"
#include "pb-outbound-request.h"
#include "pb-test-dialog.h"
#include "pb-test-preview.h"
#include "pb-test-report.h"

struct _PbTestDialog
{
  AdwWindow       parent_instance;

  PbClient       *client;
  PbConnection   *connection;
  PbTestReport   *report;
  GCancellable   *cancellable; /* of the test that runs, or NULL */
  gboolean        started;
  gboolean        reveal_secrets;
  PbTestPreview  *preview; /* before a test that may change something, else NULL */

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkToggleButton *reveal_button;
  GtkWidget       *again_button;
  GtkStack        *stack;
  GtkSpinner      *spinner;
  GtkLabel        *running_label;
  AdwStatusPage   *failed_page;
  GtkScrolledWindow *result_scroller;
  GtkImage        *result_icon;
  GtkLabel        *status_label;
  GtkLabel        *verdict_label;
  AdwActionRow    *time_row;
  GtkLabel        *time_label;
  GtkListBox      *headers_list;
  GtkTextView     *report_view;
};

G_DEFINE_FINAL_TYPE (PbTestDialog, pb_test_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CONNECTION,
  PROP_RUNNING,
  PROP_REVEAL_SECRETS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const status_classes[] = { "success", "warning", "error" };

/* {{{ Showing */

static void
set_running (PbTestDialog *self,
             gboolean      running)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "test.run", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "test.cancel", running);
  gtk_spinner_set_spinning (self->spinner, running);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
show_failure (PbTestDialog *self,
              const GError *error)
{
  g_autofree char *escaped = NULL;

  g_debug ("The test call failed: %s (%s %d, status %u)", error->message,
           g_quark_to_string (error->domain), error->code,
           error->domain == PB_CLIENT_ERROR ? pb_client_error_get_status (error) : 0);

  /* The network's own icon when the API could not be reached. */
  if (g_error_matches (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_NETWORK)
      || g_error_matches (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_OFFLINE)
      || g_error_matches (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_TIMEOUT)
      || g_error_matches (error, PB_CLIENT_ERROR, PB_CLIENT_ERROR_TLS))
    adw_status_page_set_icon_name (self->failed_page, "network-error-symbolic");
  else
    adw_status_page_set_icon_name (self->failed_page, "dialog-warning-symbolic");
  /* The description is Pango markup (libadwaita 1.2); the message may come from a server. */
  escaped = g_markup_escape_text (error->message, -1);
  adw_status_page_set_description (self->failed_page, escaped);
  gtk_stack_set_visible_child_name (self->stack, "failed");
}

static GtkWidget *
create_header_row (gpointer item,
                   gpointer user_data)
{
  PbTestDialog *self = user_data;
  const char *name = pb_name_value_get_name (item);
  const char *value = pb_name_value_get_value (item);
  g_autofree char *masked = NULL;

  if (!self->reveal_secrets && pb_secret_name_looks_secret (name))
    value = masked = pb_secret_mask (value);

  return pb_test_name_value_row_new (name, value);
}

static void
show_report_text (PbTestDialog *self)
{
  GtkTextBuffer *buffer;
  const char *text = "";

  /* Not once the window is gone. */
  if (self->report_view == NULL)
    return;

  buffer = gtk_text_view_get_buffer (self->report_view);
  if (self->report != NULL)
    text = self->reveal_secrets ? pb_test_report_get_json_pretty (self->report)
                                : pb_test_report_get_json_pretty_masked (self->report);

  gtk_text_buffer_set_text (buffer, text, -1);
  gtk_list_box_bind_model (self->headers_list,
                           self->report != NULL ? pb_test_report_get_headers (self->report)
                                                : NULL,
                           create_header_row, self, NULL);
}

static void
show_status (PbTestDialog *self)
{
  guint status = pb_test_report_get_status (self->report);
  const char *style;

  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), status_classes[i]);
      gtk_widget_remove_css_class (GTK_WIDGET (self->result_icon), status_classes[i]);
    }

  if (status == 0)
    {
      style = "warning";
      gtk_label_set_text (self->status_label, _("No Status"));
      gtk_label_set_text (self->verdict_label,
                          _("The report does not say what the service answered"));
      gtk_image_set_from_icon_name (self->result_icon, "dialog-question-symbolic");
    }
  else if (pb_test_report_get_succeeded (self->report))
    {
      style = "success";
      gtk_label_set_text (self->status_label, pb_test_report_get_status_text (self->report));
      gtk_label_set_text (self->verdict_label, _("The service answered"));
      gtk_image_set_from_icon_name (self->result_icon, "emblem-ok-symbolic");
    }
  else
    {
      style = "error";
      gtk_label_set_text (self->status_label, pb_test_report_get_status_text (self->report));
      gtk_label_set_text (self->verdict_label, _("The service answered with an error"));
      gtk_image_set_from_icon_name (self->result_icon, "dialog-warning-symbolic");
    }

  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), style);
  gtk_widget_add_css_class (GTK_WIDGET (self->result_icon), style);
}

static void
show_report (PbTestDialog *self)
{
  gint64 ms = pb_test_report_get_execution_time (self->report);

  show_status (self);

  gtk_widget_set_visible (GTK_WIDGET (self->time_row), ms >= 0);
  if (ms >= 0)
    {
      /* Translators: a duration in milliseconds */
      g_autofree char *text = g_strdup_printf (_("%lu ms"), (gulong)ms);

      gtk_label_set_text (self->time_label, text);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->reveal_button),
                          pb_test_report_get_has_secrets (self->report));
  show_report_text (self);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->result_scroller), 0);
  gtk_stack_set_visible_child_name (self->stack, "result");
}

/* }}} */
/* {{{ Running */

/* What a callback needs to know whether its answer is still wanted. */
typedef struct
{
  PbTestDialog *self;
  GCancellable *cancellable;
} Call;

static void
call_free (Call *call)
{
  g_object_unref (call->self);
  g_object_unref (call->cancellable);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

/* Whether the answer belongs to the test that is shown; a cancelled one never does (Cancel
 * and closing the window have already dealt with it). */
static gboolean
call_is_current (Call         *call,
                 const GError *error)
{
  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;

  return call->self->cancellable == call->cancellable
         && !g_cancellable_is_cancelled (call->cancellable);
}

static void
finish_call (PbTestDialog *self)
{
  g_clear_object (&self->cancellable);
  set_running (self, FALSE);
}

static void
on_tested (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(Call) call = user_data;
  g_autoptr(PbTestReport) report = NULL;
  g_autoptr(GError) error = NULL;
  PbTestDialog *self = call->self;

  /* The client has read the report on a worker thread: a report can be large. */
  report = pb_client_run_test_finish (PB_CLIENT (source), result, &error);
  if (!call_is_current (call, error))
    return;

  finish_call (self);
  if (report == NULL)
    {
      show_failure (self, error);
      return;
    }

  g_set_object (&self->report, report);
  show_report (self);
}

static void
start_test (PbTestDialog *self,
            GHashTable   *values)
{
  const char *name = pb_connection_get_name (self->connection);
  g_autofree char *running = NULL;
  Call *call;

  if (self->cancellable != NULL)
    return;

  self->started = TRUE;
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_visible (self->again_button, TRUE);
  g_clear_object (&self->report);

  if (name != NULL && *name != '\0')
    running = g_strdup_printf (_("Testing “%s”…"), name);
  else
    running = g_strdup (_("Testing the connection…"));
  gtk_label_set_text (self->running_label, running);
  gtk_stack_set_visible_child_name (self->stack, "running");
  set_running (self, TRUE);

  call = g_new0 (Call, 1);
  call->self = g_object_ref (self);
  call->cancellable = g_object_ref (self->cancellable);
  pb_client_run_test_with_values_async (self->client, self->connection, values,
                                        self->cancellable, on_tested, call);
}

/* What will be sent first, when the test may change something; else the test at once. */
static void
review_or_start_test (PbTestDialog *self)
{
  if (self->cancellable != NULL)
    return;

  if (self->preview == NULL)
    {
      start_test (self, NULL);
      return;
    }

  self->started = TRUE;
  gtk_stack_set_visible_child_name (self->stack, "preview");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "test.run", FALSE);
  /* Nothing to do again while the request is only shown: Send Test is the way on. */
  gtk_widget_set_visible (self->again_button, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->reveal_button),
                          pb_test_preview_get_has_secrets (self->preview));
}

static void
cancel_test (PbTestDialog *self)
{
  if (self->cancellable == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  finish_call (self);
}

/* }}} */
/* {{{ Actions */

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  review_or_start_test (PB_TEST_DIALOG (widget));
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PbTestDialog *self = PB_TEST_DIALOG (widget);
  g_autoptr(GHashTable) values = NULL;

  if (self->preview == NULL)
    return;

  /* Sent as shown: with the values while "Fill In Example Values" is on. */
  values = pb_test_preview_dup_values (self->preview);
  gtk_widget_set_visible (GTK_WIDGET (self->reveal_button), FALSE);
  start_test (self, values);
}

static void
copy_curl_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PbTestDialog *self = PB_TEST_DIALOG (widget);
  g_autofree char *curl = NULL;

  if (self->preview == NULL)
    return;

  /* What is shown: filled as shown, secret values hidden unless they are shown. */
  curl = pb_test_preview_dup_curl (self->preview);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), curl);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Copied as cURL")));
}

static void
on_preview_has_secrets (PbTestDialog *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "preview") == 0)
    gtk_widget_set_visible (GTK_WIDGET (self->reveal_button),
                            pb_test_preview_get_has_secrets (self->preview));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PbTestDialog *self = PB_TEST_DIALOG (widget);

  if (self->cancellable == NULL)
    return;

  cancel_test (self);
  gtk_stack_set_visible_child_name (self->stack, "cancelled");
}

static void
copy_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PbTestDialog *self = PB_TEST_DIALOG (widget);
  const char *text;

  if (self->report == NULL)
    return;

  /* What is shown: secret values stay hidden unless they are shown. */
  text = self->reveal_secrets ? pb_test_report_get_json_pretty (self->report)
                              : pb_test_report_get_json_pretty_masked (self->report);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Report copied")));
}

/* }}} */
/* {{{ GObject */

static void
pb_test_dialog_map (GtkWidget *widget)
{
  PbTestDialog *self = PB_TEST_DIALOG (widget);

  GTK_WIDGET_CLASS (pb_test_dialog_parent_class)->map (widget);

  if (!self->started)
    review_or_start_test (self);
}

static gboolean
pb_test_dialog_close_request (GtkWindow *window)
{
  cancel_test (PB_TEST_DIALOG (window));

  return GTK_WINDOW_CLASS (pb_test_dialog_parent_class)->close_request (window);
}

static void
pb_test_dialog_constructed (GObject *object)
{
  PbTestDialog *self = PB_TEST_DIALOG (object);
  g_auto(GStrv) placeholders = NULL;

  G_OBJECT_CLASS (pb_test_dialog_parent_class)->constructed (object);

  g_assert (PB_IS_CLIENT (self->client));
  g_assert (PB_IS_CONNECTION (self->connection));
  adw_window_title_set_subtitle (self->window_title, pb_connection_get_name (self->connection));

  /* What will be sent is shown first when the test may change something out there, or when
   * placeholders could be filled in. */
  placeholders = pb_connection_dup_placeholders (self->connection);
  if (pb_connection_test_has_effects (self->connection) || placeholders[0] != NULL)
    {
      self->preview = PB_TEST_PREVIEW (pb_test_preview_new (self->connection));
      g_object_bind_property (self, "reveal-secrets", self->preview, "reveal-secrets",
                              G_BINDING_SYNC_CREATE);
      g_signal_connect_object (self->preview, "notify::has-secrets",
                               G_CALLBACK (on_preview_has_secrets), self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->preview), "preview");
      /* Shown at once, not faded in over the page of a running test. */
      gtk_stack_set_visible_child_full (self->stack, "preview", GTK_STACK_TRANSITION_TYPE_NONE);
      pb_accessible_name_text_buttons (GTK_WIDGET (self->preview));
    }
}

static void
pb_test_dialog_dispose (GObject *object)
{
  PbTestDialog *self = PB_TEST_DIALOG (object);

  cancel_test (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PB_TYPE_TEST_DIALOG);
  g_clear_object (&self->report);
  g_clear_object (&self->client);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (pb_test_dialog_parent_class)->dispose (object);
}

static void
pb_test_dialog_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PbTestDialog *self = PB_TEST_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, pb_test_dialog_get_running (self));
      break;
    case PROP_REVEAL_SECRETS:
      g_value_set_boolean (value, self->reveal_secrets);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_test_dialog_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PbTestDialog *self = PB_TEST_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_CONNECTION:
      self->connection = g_value_dup_object (value);
      break;
    case PROP_REVEAL_SECRETS:
      if (self->reveal_secrets != g_value_get_boolean (value))
        {
          self->reveal_secrets = g_value_get_boolean (value);
          show_report_text (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_test_dialog_class_init (PbTestDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = pb_test_dialog_constructed;
  object_class->dispose = pb_test_dialog_dispose;
  object_class->get_property = pb_test_dialog_get_property;
  object_class->set_property = pb_test_dialog_set_property;
  widget_class->map = pb_test_dialog_map;
  window_class->close_request = pb_test_dialog_close_request;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, PB_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, PB_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REVEAL_SECRETS] =
    g_param_spec_boolean ("reveal-secrets", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/pb-test-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PbTestDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PbTestDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PbTestDialog, reveal_button);
  gtk_widget_class_bind_template_child (widget_class, PbTestDialog, again_button);
  gtk_widget_class_bind_template_child (widget_class, PbTestDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PbTestDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PbTestDialog, running_label);
  gtk_widget_class_bind_template_child (widget_class, PbTestDialog, failed_page);
  gtk_widget_class_bind_template_child (widget_class, PbTestDialog, result_scroller);
  gtk_widget_class_bind_template_child (widget_class, PbTestDialog, result_icon);
  gtk_widget_class_bind_template_child (widget_class, PbTestDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, PbTestDialog, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, PbTestDialog, time_row);
  gtk_widget_class_bind_template_child (widget_class, PbTestDialog, time_label);
  gtk_widget_class_bind_template_child (widget_class, PbTestDialog, headers_list);
  gtk_widget_class_bind_template_child (widget_class, PbTestDialog, report_view);

  gtk_widget_class_install_action (widget_class, "test.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "test.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "test.copy-curl", NULL, copy_curl_action);
  gtk_widget_class_install_action (widget_class, "test.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "test.copy-report", NULL, copy_report_action);
  gtk_widget_class_install_property_action (widget_class, "test.reveal-secrets",
                                            "reveal-secrets");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pb_test_dialog_init (PbTestDialog *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  pb_accessible_name_text_buttons (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "test.cancel", FALSE);

  placeholder = gtk_label_new (_("No headers were sent"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_list_box_set_placeholder (self->headers_list, placeholder);
}

/* }}} */

GtkWidget *
pb_test_dialog_new (GtkWindow    *parent,
                    PbClient     *client,
                    PbConnection *connection)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PB_IS_CLIENT (client), NULL);
  g_return_val_if_fail (PB_IS_CONNECTION (connection), NULL);

  return g_object_new (PB_TYPE_TEST_DIALOG,
                       "transient-for", parent,
                       "client", client,
                       "connection", connection,
                       NULL);
}

PbClient *
pb_test_dialog_get_client (PbTestDialog *self)
{
  g_return_val_if_fail (PB_IS_TEST_DIALOG (self), NULL);

  return self->client;
}

PbConnection *
pb_test_dialog_get_connection (PbTestDialog *self)
{
  g_return_val_if_fail (PB_IS_TEST_DIALOG (self), NULL);

  return self->connection;
}

gboolean
pb_test_dialog_get_running (PbTestDialog *self)
{
  g_return_val_if_fail (PB_IS_TEST_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}
