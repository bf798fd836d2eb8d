using System.Data;
using System.Runtime.CompilerServices;
using Dapper;

namespace ReportBot.Data;

/// <summary>
/// Npgsql reads `date` as DateTime and `timestamptz` as a UTC DateTime; our records speak DateOnly and
/// DateTimeOffset. These handlers translate, once for the whole assembly.
/// </summary>
static class DapperTypes
{
    // A module initializer, so that no query of this assembly can run before the handlers are in place.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register()
    {
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
    }

    sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            parameter.DbType = DbType.Date;
            parameter.Value = value;
        }

        public override DateOnly Parse(object value) => value switch
        {
            DateOnly date => date,
            DateTime dateTime => DateOnly.FromDateTime(dateTime),
            _ => throw new DataException($"Cannot read {value.GetType()} as a date."),
        };
    }

    sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            parameter.DbType = DbType.DateTime; // timestamptz takes UTC
            parameter.Value = value.UtcDateTime;
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset offset => offset,
            DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
            _ => throw new DataException($"Cannot read {value.GetType()} as a point in time."),
        };
    }
}
