/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-connection-draft-checks"

#include "config.h"

#include "pb-connection-draft-private.h"

/* What is wrong with a draft, in the order of the form. */

/* {{{ PbDraftProblem */

G_DEFINE_BOXED_TYPE (PbDraftProblem, pb_draft_problem, pb_draft_problem_copy,
                     pb_draft_problem_free)

PbDraftProblem *
pb_draft_problem_copy (const PbDraftProblem *problem)
{
  PbDraftProblem *copy;

  g_return_val_if_fail (problem != NULL, NULL);

  copy = g_new (PbDraftProblem, 1);
  *copy = *problem;
  copy->message = g_strdup (problem->message);
  return copy;
}

void
pb_draft_problem_free (PbDraftProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->message);
  g_free (problem);
}

/* }}} */

GPtrArray *
pb_connection_draft_check (PbConnectionDraft *self)
{
  g_return_val_if_fail (PB_IS_CONNECTION_DRAFT (self), NULL);

  return g_ptr_array_new_with_free_func ((GDestroyNotify)pb_draft_problem_free);
}

gboolean
pb_connection_draft_has_errors (PbConnectionDraft *self)
{
  g_autoptr(GPtrArray) problems = NULL;

  g_return_val_if_fail (PB_IS_CONNECTION_DRAFT (self), FALSE);

  problems = pb_connection_draft_check (self);
  for (guint i = 0; i < problems->len; i++)
    if (((PbDraftProblem *)g_ptr_array_index (problems, i))->level == PB_DRAFT_PROBLEM_ERROR)
      return TRUE;
  return FALSE;
}
