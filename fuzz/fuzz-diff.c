/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the differences between versions of a connection (pb-diff.h). The input is
 * up to three JSON texts separated by NUL bytes (base, mine, theirs; a missing one is "{}").
 * pb_diff_connections() of base and mine, masked and revealed, and the line diff of each long
 * entry; a text compared with itself has no differences; pb_diff_overlaps() and
 * pb_diff_reapply() of the three, whose result is valid JSON that the differences read. Every
 * text handed out is UTF-8; a refusal is a PB_PARSE_ERROR or PB_DIFF_ERROR. */
#define G_LOG_DOMAIN "fuzz-diff"

#include "config.h"

#include "fuzz-common.h"
#include "pb-diff.h"
#include "pb-json.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

static void
check_error (GError *error,
             GQuark  domain)
{
  if (error == NULL || (error->domain != PB_PARSE_ERROR && error->domain != domain)
      || !g_utf8_validate (error->message, -1, NULL))
    abort ();
}

static void
check_lines (const char *old_text,
             const char *new_text)
{
  g_autoptr(GPtrArray) lines = pb_diff_lines (old_text, new_text);

  for (guint i = 0; i < lines->len; i++)
    {
      PbDiffLine *line = g_ptr_array_index (lines, i);

      if (line->kind > PB_DIFF_LINE_ADDED || strchr (line->text, '\n') != NULL)
        abort ();
      fuzz_check_string (line->text);
    }
}

static void
check_entries (const char  *old_json,
               const char  *new_json,
               PbDiffFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = pb_diff_connections (old_json, new_json, flags, &error);

  if (entries == NULL)
    {
      check_error (error, PB_PARSE_ERROR);
      return;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      PbDiffEntry *entry = g_ptr_array_index (entries, i);

      if (entry->path == NULL || entry->label == NULL
          || (entry->old_text == NULL) != (entry->kind == PB_DIFF_ADDED)
          || (entry->new_text == NULL) != (entry->kind == PB_DIFF_REMOVED)
          || (entry->masked && (flags & PB_DIFF_REVEAL_SECRETS) != 0))
        abort ();
      fuzz_check_string (entry->path);
      fuzz_check_string (entry->label);
      fuzz_check_string (entry->old_text);
      fuzz_check_string (entry->new_text);
      if (entry->multiline)
        check_lines (entry->old_text, entry->new_text);
    }
}

static void
check_same (const char *json)
{
  g_autoptr(GPtrArray) entries = pb_diff_connections (json, json, PB_DIFF_DEFAULT, NULL);

  if (entries != NULL && entries->len != 0)
    abort ();
}

static void
check_merge (const char *base,
             const char *mine,
             const char *theirs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) merge_error = NULL;
  g_autofree char *merged = NULL;
  gboolean overlaps;

  overlaps = pb_diff_overlaps (base, mine, theirs, &error);
  if (error != NULL)
    check_error (error, PB_PARSE_ERROR);

  merged = pb_diff_reapply (base, mine, theirs, &merge_error);
  if (merged == NULL)
    {
      check_error (merge_error, PB_DIFF_ERROR);
      /* Refused for an overlap exactly when pb_diff_overlaps() says so. */
      if (g_error_matches (merge_error, PB_DIFF_ERROR, PB_DIFF_ERROR_OVERLAP) != overlaps)
        abort ();
      return;
    }

  if (overlaps || error != NULL
      || !pb_json_text_check (merged, strlen (merged), PB_JSON_CHECK_DEFAULT, NULL))
    abort ();
  /* The result is a connection the differences read too. */
  check_same (merged);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* The input with a NUL after it: the NUL bytes inside end the parts. */
  g_autofree char *text = g_malloc (size + 1);
  const char *parts[3] = { "{}", "{}", "{}" };
  gsize offset = 0;

  memcpy (text, data, size);
  text[size] = '\0';
  for (guint i = 0; i < 3 && offset <= size; i++)
    {
      parts[i] = text + offset;
      offset += strlen (text + offset) + 1;
    }

  check_entries (parts[0], parts[1], PB_DIFF_DEFAULT);
  check_entries (parts[0], parts[1], PB_DIFF_IGNORE_SERVER_FIELDS | PB_DIFF_REVEAL_SECRETS);
  check_same (parts[0]);
  check_merge (parts[0], parts[1], parts[2]);
  /* Texts to compare line by line are UTF-8 (values of a connection). */
  if (g_utf8_validate (parts[0], -1, NULL) && g_utf8_validate (parts[1], -1, NULL))
    check_lines (parts[0], parts[1]);

  return 0;
}
