/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pb-connection-draft.h"
#include "pb-connection-store.h"

G_BEGIN_DECLS

/* The one way a write goes in the window, whatever asks for it (Save in the editor, Archive,
 * Unarchive, Restore from History):
 *   1. the preview: exactly what will be sent, as a field-by-field difference against the
 *      version on the server (pb-diff.h), long texts as a line diff, the whole JSON body one
 *      click away, secret-looking values masked unless revealed; Cancel sends nothing;
 *   2. in a production account, the guard: the user types the connection's name;
 *   3. the write (pb_connection_store_update_async() or _create_async());
 *   4. on PB_STORE_ERROR_CONFLICT: what changed on the server beside the user's own changes,
 *      and the choice to re-apply the changes onto the new version (offered only when the two
 *      touch different fields; it goes back to 1 with the new body), to overwrite (back to 1,
 *      then written with PB_STORE_WRITE_OVERWRITE), or to cancel.
 * It finishes with the connection as the server now has it, or with G_IO_ERROR_CANCELLED when
 * the user cancelled at any step (nothing was sent then), or with the write's error, for the
 * caller to say next to what the user was editing. The draft is never changed nor freed by a
 * failure: the user's edits stay.
 *
 * How the steps behave (pb-save-flow.c): the preview (PbSavePreview) stays open, its action a
 * spinner, while the write runs, and closes when it ends; a preview of nothing that changed
 * offers Close only. Cancel in the guard goes back to the preview. A re-apply or an overwrite
 * writes a draft of its own, made from the version now on the server with the content to
 * send (and the client secret the user typed), compared in the new preview with that
 * version. PB_STORE_ERROR_UNCERTAIN was already said to the user, with Reload (the connection
 * read again, or the list for a create): a caller does not say it again. The preview names
 * where the write goes by the "subtitle" of `parent` (a string property, such as the window's
 * account name), else by the host of the store's client. */
typedef enum
{
  PB_SAVE_EDIT,
  PB_SAVE_CREATE,
  PB_SAVE_ARCHIVE,
  PB_SAVE_UNARCHIVE,
  PB_SAVE_RESTORE,
  PB_SAVE_PROMOTE, /* a copy from another account (Compare Accounts…): a create or an update,
                    * as the draft is new or not; its history says "Copied" */
} PbSaveKind;

/* What to check before confirming the write of `draft`, e.g. a copy's values that point at the
 * account it comes from (NULL: nothing): shown over the differences in its preview and in a
 * batch's, before the user confirms. Kept with the draft. */
void          pb_save_flow_set_draft_warning (PbConnectionDraft *draft,
                                              const char        *warning);
const char   *pb_save_flow_get_draft_warning (PbConnectionDraft *draft);
/* The account a copy (PB_SAVE_PROMOTE) of `draft` comes from, for its preview to name. */
void          pb_save_flow_set_draft_source  (PbConnectionDraft *draft,
                                              const char        *source);

void          pb_save_flow_run_async  (GtkWidget          *parent,
                                       PbConnectionStore  *store,
                                       gboolean            production,
                                       PbConnectionDraft  *draft,
                                       PbSaveKind          kind,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
PbConnection *pb_save_flow_run_finish (GAsyncResult       *result,
                                       GError            **error);

/* What a person is told of a write of `kind` that failed with `error`: first that nothing
 * happened, then why; or NULL when there is nothing to say (cancelled: nothing was sent; an
 * unknown outcome, which the flow said itself). A server that stops answering gets "try again
 * once it is back", not the client's sentence for a first sign-in (check the server address in
 * Preferences): the list came from that server a moment ago. */
char         *pb_save_flow_describe_failure (const GError *error,
                                             PbSaveKind    kind);

/* Several writes at once (Compare Accounts…: copy several connections), each as safe as one:
 *   1. pb_save_flow_confirm_batch_async(): one preview (PbSaveBatchPreview) lists every
 *      draft, its name, whether it is created or replaces the version on the server, and
 *      all its differences as the preview of one write shows them (secret-looking values
 *      masked unless Show Secrets is on), and `notes` (NULL or NULL-terminated: a sentence
 *      each, e.g. for what the caller leaves out and why) under "Not Copied"; the action
 *      button looks as the one of one write; Cancel sends nothing; then in a
 *      production account the guard, asked once: it names every connection and the user
 *      types the account's name (the preview's destination), or for a batch of one the
 *      connection's name, as the guard of one write asks. Cancel there goes back to the
 *      preview. TRUE when the user confirmed, else G_IO_ERROR_CANCELLED.
 *   2. pb_save_flow_run_confirmed_async() for each, one after the other: the flow of one
 *      write from its step 3 (the write, its conflict check and its history); a conflict is
 *      shown as for one write, and what the user chooses there goes through steps 1 and 2
 *      for that connection. Finished by pb_save_flow_run_finish().
 * The caller says what became of each. */
void          pb_save_flow_confirm_batch_async  (GtkWidget          *parent,
                                                 gboolean            production,
                                                 PbSaveKind          kind,
                                                 GPtrArray          *drafts,
                                                 const char * const *notes,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
gboolean      pb_save_flow_confirm_batch_finish (GAsyncResult       *result,
                                                 GError            **error);
void          pb_save_flow_run_confirmed_async  (GtkWidget          *parent,
                                                 PbConnectionStore  *store,
                                                 gboolean            production,
                                                 PbConnectionDraft  *draft,
                                                 PbSaveKind          kind,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);

/* The batch's preview window (for tests to find). Its buttons: "_Cancel", and the kind's
 * action ("_Copy"). */
#define PB_TYPE_SAVE_BATCH_PREVIEW (pb_save_batch_preview_get_type ())
G_DECLARE_FINAL_TYPE (PbSaveBatchPreview, pb_save_batch_preview, PB, SAVE_BATCH_PREVIEW,
                      AdwWindow)

G_END_DECLS
