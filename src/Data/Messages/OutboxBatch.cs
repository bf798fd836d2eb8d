using ReportBot.Reporting.Groups;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace ReportBot.Data.Messages;

/// <summary>Many outbox messages in one statement: a slot of the rhythm writes one per member (7,000 in a large district).</summary>
public static class OutboxBatch
{
    public static Task AddAsync(NpgsqlTransaction tx, IReadOnlyList<OutboxEntry> entries, DateTimeOffset at, CancellationToken ct = default) =>
        entries.Count == 0 ? Task.CompletedTask : tx.Connection!.ExecuteAsync(new CommandDefinition(
            """
            insert into outbox (channel, recipient, member_id, body, reply_to_inbox_id, kind,
                                template_name, template_language, template_variables, use_template, created_at, next_attempt_at,
                                group_id, quote_ref, reaction, mention_addresses, mention_texts, asks_contact, image_id)
            select e.channel, e.recipient, e.member_id, e.body, e.reply_to, e.kind, e.template_name, e.template_language,
                   case when e.variables is null then null else array(select jsonb_array_elements_text(e.variables::jsonb)) end,
                   e.use_template, @at, @at, e.group_id, e.quote_ref, e.reaction,
                   case when e.mention_addresses is null then null else array(select jsonb_array_elements_text(e.mention_addresses::jsonb)) end,
                   case when e.mention_texts is null then null else array(select jsonb_array_elements_text(e.mention_texts::jsonb)) end,
                   e.asks_contact, e.image_id
            from unnest(@channels, @recipients, @memberIds, @bodies, @replyTo, @kinds, @templateNames, @templateLanguages, @variables, @useTemplates,
                        @groupIds, @quoteRefs, @reactions, @mentionAddresses, @mentionTexts, @asksContact, @imageIds)
                with ordinality as e(channel, recipient, member_id, body, reply_to, kind, template_name, template_language, variables, use_template,
                                     group_id, quote_ref, reaction, mention_addresses, mention_texts, asks_contact, image_id, n)
            order by e.n
            """,
            new
            {
                channels = entries.Select(e => e.Channel).ToArray(),
                recipients = entries.Select(e => e.Recipient).ToArray(),
                memberIds = entries.Select(e => e.MemberId).ToArray(),
                bodies = entries.Select(e => e.Body).ToArray(),
                replyTo = entries.Select(e => e.ReplyToInboxId).ToArray(),
                kinds = entries.Select(e => e.Kind).ToArray(),
                templateNames = entries.Select(e => e.TemplateName).ToArray(),
                templateLanguages = entries.Select(e => e.TemplateLanguage).ToArray(),
                // A text[] per row cannot ride in an array of arrays of uneven length; JSON carries each row's list.
                variables = entries.Select(e => e.TemplateVariables is null ? null : JsonSerializer.Serialize(e.TemplateVariables)).ToArray(),
                useTemplates = entries.Select(e => e.UseTemplate).ToArray(),
                groupIds = entries.Select(e => e.GroupId).ToArray(),
                quoteRefs = entries.Select(e => e.QuoteRef).ToArray(),
                reactions = entries.Select(e => e.Reaction?.ToText()).ToArray(),
                mentionAddresses = entries.Select(e => e.MentionAddresses is null ? null : JsonSerializer.Serialize(e.MentionAddresses)).ToArray(),
                mentionTexts = entries.Select(e => e.MentionTexts is null ? null : JsonSerializer.Serialize(e.MentionTexts)).ToArray(),
                asksContact = entries.Select(e => e.AskContact).ToArray(),
                imageIds = entries.Select(e => e.ImageId).ToArray(),
                at,
            }, tx, cancellationToken: ct));

    /// <summary>
    /// Stores a picture once (the day's chart of a district, in one language) for a firing's messages to carry; returns
    /// its id for <see cref="OutboxEntry.ImageId"/>.
    /// </summary>
    public static Task<long> AddImageAsync(NpgsqlTransaction tx, string kind, int districtId, DateOnly day, string language, byte[] png,
        DateTimeOffset at, CancellationToken ct = default) =>
        tx.Connection!.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            insert into outbox_images (kind, district_id, day, language, png, created_at)
            values (@kind, @districtId, @day, @language, @png, @at)
            returning id
            """, new { kind, districtId, day, language, png, at }, tx, cancellationToken: ct));
}
