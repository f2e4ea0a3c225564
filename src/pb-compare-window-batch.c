/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-compare-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pb-compare-window-private.h"
#include "pb-connection.h"
#include "pb-format.h"
#include "pb-save-flow.h"
#include "pb-save-flow-private.h"

/* Copy N to <target>: the connections chosen by their check boxes, in the order of the list,
 * through the save flow's batch (pb-save-flow.h): one preview of all of them and one
 * production guard, then each written on its own with its own conflict check and history.
 * A failure stops nothing else; at the end a sentence for each says what became of it, and
 * those not copied stay chosen, to try again. An OAuth connection is not copied in a batch:
 * its client secret is a choice made for it alone (pb-compare-window-pair.c). So the button
 * counts only what is copied, and one chosen is named with why in the preview (before
 * anything is sent) and in the report, and stays chosen. */

typedef struct
{
  PbCompareWindow *window;
  GCancellable    *cancellable; /* the window's copy_cancellable: cancelled when it goes */
  GPtrArray       *drafts;   /* of PbConnectionDraft, to write */
  GPtrArray       *sources;  /* of PbConnection, the source of each draft */
  GPtrArray       *results;  /* of char *: a sentence each, skipped ones first */
  guint            n_copied;
  guint            next;
} Batch;

static void
batch_free (Batch *batch)
{
  g_clear_object (&batch->window);
  g_clear_object (&batch->cancellable);
  g_clear_pointer (&batch->drafts, g_ptr_array_unref);
  g_clear_pointer (&batch->sources, g_ptr_array_unref);
  g_clear_pointer (&batch->results, g_ptr_array_unref);
  g_free (batch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Batch, batch_free)

/* {{{ Choosing */

/* The pairs chosen that can be copied now, in the order of the list; `held` (may be NULL)
 * receives those chosen that a batch cannot copy (an OAuth connection: its client secret). */
static GPtrArray *
dup_checked_pairs (PbCompareWindow *self,
                   GPtrArray      **held)
{
  GPtrArray *pairs = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model = self->compare != NULL ? G_LIST_MODEL (self->compare) : NULL;

  if (held != NULL)
    *held = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PbComparePair) pair = g_list_model_get_item (model, i);
      PbConnection *source = pb_compare_pair_get_source (pair);

      if (source == NULL || !g_hash_table_contains (self->checked, source)
          || !_pb_compare_window_can_copy_group (pair))
        continue;
      if (pb_promote_needs_client_secret (source))
        {
          if (held != NULL)
            g_ptr_array_add (*held, g_steal_pointer (&pair));
        }
      else
        g_ptr_array_add (pairs, g_steal_pointer (&pair));
    }
  return pairs;
}

guint
pb_compare_window_get_n_checked (PbCompareWindow *self)
{
  g_autoptr(GPtrArray) pairs = NULL;

  g_return_val_if_fail (PB_IS_COMPARE_WINDOW (self), 0);

  pairs = dup_checked_pairs (self, NULL);
  return pairs->len;
}

void
_pb_compare_window_update_batch (PbCompareWindow *self)
{
  PbCompareSide *target = _pb_compare_window_get_side (self, TRUE);
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(GPtrArray) pairs = dup_checked_pairs (self, &held);
  guint n = pairs->len;
  g_autofree char *label = NULL;
  g_autofree char *tooltip = NULL;

  /* The header bar has little room beside the pickers: short, said in full in its tooltip. */
  /* Translators: a button; %u is a number of connections */
  label = g_strdup_printf (ngettext ("Copy %u", "Copy %u", n), n);
  gtk_button_set_label (GTK_BUTTON (self->batch_button), label);
  if (n == 0)
    tooltip = g_strdup (_("The connections chosen need their client secret: copy each on "
                          "its own"));
  else
    /* Translators: a tooltip; %u is a number of connections, %s the name of an account */
    tooltip = g_strdup_printf (ngettext ("Copy %u connection to %s", "Copy %u connections to %s",
                                         n),
                               n, target != NULL ? target->title : "");
  gtk_widget_set_tooltip_text (self->batch_button, tooltip);
  gtk_widget_set_visible (self->batch_button, n > 0 || held->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.copy-checked",
                                 n > 0 && self->copy_cancellable == NULL
                                 && self->compare != NULL
                                 && !pb_compare_get_busy (self->compare));
}

void
pb_compare_window_set_checked (PbCompareWindow *self,
                               PbComparePair   *pair,
                               gboolean         checked)
{
  PbConnection *source;

  g_return_if_fail (PB_IS_COMPARE_WINDOW (self));
  g_return_if_fail (PB_IS_COMPARE_PAIR (pair));

  source = pb_compare_pair_get_source (pair);
  if (source == NULL || (checked && !_pb_compare_window_can_copy_group (pair)))
    return;
  if (checked)
    g_hash_table_add (self->checked, g_object_ref (source));
  else
    g_hash_table_remove (self->checked, source);

  /* The rows show it. */
  self->binding = TRUE;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->pairs_view)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_widget_get_first_child (row);
      GtkWidget *check = box != NULL ? gtk_widget_get_first_child (box) : NULL;

      if (GTK_IS_CHECK_BUTTON (check) && g_object_get_data (G_OBJECT (check), "pair") == pair)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), checked);
    }
  self->binding = FALSE;
  _pb_compare_window_update_batch (self);
}

void
_pb_compare_window_check_toggled_cb (GtkCheckButton  *check,
                                     PbCompareWindow *self)
{
  PbComparePair *pair = g_object_get_data (G_OBJECT (check), "pair");

  if (self->binding || pair == NULL)
    return;
  pb_compare_window_set_checked (self, pair, gtk_check_button_get_active (check));
}

void
_pb_compare_window_bind_check (PbCompareWindow *self,
                               GtkWidget       *check,
                               PbComparePair   *pair)
{
  PbConnection *source = pb_compare_pair_get_source (pair);
  g_autofree char *label = NULL;
  g_autofree char *name = pb_format_for_display (pb_compare_pair_get_name (pair),
                                                 PB_FORMAT_TITLE_CHARS);

  /* Translators: what a screen reader says of a row's check box; %s is a connection's name */
  label = g_strdup_printf (_("Choose “%s”"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  g_object_set_data (G_OBJECT (check), "pair", pair);
  self->binding = TRUE;
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               source != NULL && g_hash_table_contains (self->checked, source));
  self->binding = FALSE;
  gtk_widget_set_visible (check, _pb_compare_window_can_copy_group (pair));
}

/* }}} */
/* {{{ Writing */

const char * const *
pb_compare_window_get_batch_results (PbCompareWindow *self)
{
  g_return_val_if_fail (PB_IS_COMPARE_WINDOW (self), NULL);

  return (const char * const *) self->batch_results;
}

static char *
dup_name (PbConnection *connection)
{
  return pb_format_for_display (pb_connection_get_name (connection), PB_FORMAT_TITLE_CHARS);
}

static void
batch_done (Batch *batch)
{
  PbCompareWindow *self = batch->window;
  guint n = batch->results->len;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_clear_object (&self->copy_cancellable);
  g_ptr_array_add (batch->results, NULL);
  g_strfreev (self->batch_results);
  self->batch_results = (GStrv) g_ptr_array_free (g_steal_pointer (&batch->results), FALSE);
  _pb_compare_window_update_copy (self);
  _pb_compare_window_update_batch (self);
  if (batch->n_copied > 0)
    _pb_compare_window_refresh_target_windows (self);

  /* Translators: the heading of a batch's report; both %u are numbers of connections */
  heading = g_strdup_printf (ngettext ("Copied %u of %u", "Copied %u of %u", n),
                             batch->n_copied, n);
  body = g_strjoinv ("\n", self->batch_results);
  dialog = _pb_question_new (GTK_WINDOW (self), heading, body);
  _pb_question_set_cancel_label (dialog, _("_Close"));
  _pb_question_present (dialog, GTK_WINDOW (self));
}

static void write_next (Batch *batch);

static void
written_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Batch *batch = user_data;
  PbCompareWindow *self = batch->window;
  PbConnection *source = g_ptr_array_index (batch->sources, batch->next - 1);
  g_autoptr(PbConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = dup_name (source);

  connection = pb_save_flow_run_finish (result, &error);
  if (g_cancellable_is_cancelled (batch->cancellable))
    {
      batch_free (batch); /* the window is going */
      return;
    }

  if (connection != NULL)
    {
      batch->n_copied++;
      g_hash_table_remove (self->checked, source);
      /* Translators: a line of a batch's report; %s is a connection's name */
      g_ptr_array_add (batch->results, g_strdup_printf (_("“%s” copied."), name));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* Translators: a line of a batch's report; %s is a connection's name */
    g_ptr_array_add (batch->results, g_strdup_printf (_("“%s” not copied: cancelled, nothing "
                                                        "was sent."), name));
  else if (g_error_matches (error, PB_STORE_ERROR, PB_STORE_ERROR_UNCERTAIN))
    /* Translators: a line of a batch's report; %s is a connection's name */
    g_ptr_array_add (batch->results, g_strdup_printf (_("“%s” sent, but not confirmed: "
                                                        "reload to see what the server "
                                                        "has."), name));
  else
    /* Translators: a line of a batch's report; the first %s is a connection's name, the
     * second why it failed */
    g_ptr_array_add (batch->results, g_strdup_printf (_("“%s” not copied: %s"), name,
                                                      error->message));

  write_next (batch);
}

static void
write_next (Batch *batch)
{
  PbCompareWindow *self = batch->window;
  PbCompareSide *target = _pb_compare_window_get_side (self, TRUE);

  if (batch->next >= batch->drafts->len || self->stores[1] == NULL)
    {
      batch_done (batch);
      batch_free (batch);
      return;
    }

  pb_save_flow_run_confirmed_async (GTK_WIDGET (self), self->stores[1], target->production,
                                    g_ptr_array_index (batch->drafts, batch->next++),
                                    PB_SAVE_PROMOTE, batch->cancellable, written_cb,
                                    batch);
}

static void
confirmed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Batch) batch = user_data;
  PbCompareWindow *self = batch->window;
  g_autoptr(GError) error = NULL;

  if (!pb_save_flow_confirm_batch_finish (result, &error))
    {
      /* Cancelled: nothing was sent, and everything stays chosen. */
      if (!g_cancellable_is_cancelled (batch->cancellable))
        {
          g_clear_object (&self->copy_cancellable);
          _pb_compare_window_update_copy (self);
          _pb_compare_window_update_batch (self);
        }
      return;
    }

  write_next (g_steal_pointer (&batch));
}

void
_pb_compare_window_batch_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  PbCompareWindow *self = PB_COMPARE_WINDOW (widget);
  PbCompareSide *target = _pb_compare_window_get_side (self, TRUE);
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(GPtrArray) pairs = dup_checked_pairs (self, &held);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(Batch) batch = NULL;
  GPtrArray *drafts;

  if (self->copy_cancellable != NULL || pairs->len == 0 || target == NULL)
    return;

  batch = g_new0 (Batch, 1);
  batch->window = g_object_ref (self);
  batch->drafts = g_ptr_array_new_with_free_func (g_object_unref);
  batch->sources = g_ptr_array_new_with_free_func (g_object_unref);
  batch->results = g_ptr_array_new_with_free_func (g_free);

  /* Its client secret is a choice for it alone: said before and after, and it stays
   * chosen. */
  for (guint i = 0; i < held->len; i++)
    {
      g_autofree char *name = dup_name (pb_compare_pair_get_source (g_ptr_array_index (held,
                                                                                     i)));

      /* Translators: a line of a batch's preview and report; %s is a connection's name */
      g_ptr_array_add (notes, g_strdup_printf (_("“%s” not copied: its client secret must be "
                                                 "typed or kept. Copy it on its own."), name));
      g_ptr_array_add (batch->results, g_strdup (g_ptr_array_index (notes, notes->len - 1)));
    }

  for (guint i = 0; i < pairs->len; i++)
    {
      PbComparePair *pair = g_ptr_array_index (pairs, i);
      PbConnection *source = pb_compare_pair_get_source (pair);
      g_autofree char *name = dup_name (source);
      g_autoptr(PbConnectionDraft) draft = NULL;
      g_autoptr(GError) error = NULL;

      draft = _pb_compare_window_make_draft (pair, NULL, &error);
      if (draft == NULL)
        {
          g_ptr_array_add (notes, g_strdup_printf (_("“%s” not copied: %s"), name,
                                                   error->message));
          g_ptr_array_add (batch->results, g_strdup (g_ptr_array_index (notes,
                                                                        notes->len - 1)));
          continue;
        }
      _pb_compare_window_set_warning (self, pair, draft);
      g_ptr_array_add (batch->drafts, g_steal_pointer (&draft));
      g_ptr_array_add (batch->sources, g_object_ref (source));
    }
  g_ptr_array_add (notes, NULL);

  self->copy_cancellable = g_cancellable_new ();
  batch->cancellable = g_object_ref (self->copy_cancellable);
  _pb_compare_window_update_copy (self);
  _pb_compare_window_update_batch (self);
  if (batch->drafts->len == 0)
    {
      write_next (g_steal_pointer (&batch));
      return;
    }
  drafts = batch->drafts;
  pb_save_flow_confirm_batch_async (widget, target->production, PB_SAVE_PROMOTE, drafts,
                                    (const char * const *) notes->pdata,
                                    self->copy_cancellable, confirmed_cb,
                                    g_steal_pointer (&batch));
}

/* }}} */
