using System.Text.Json;
using Microsoft.AspNetCore.Http;
using TalentFlow.Runtime.Activation;
using TalentFlow.Runtime.Hosting;
using TalentFlow.Runtime.Membership;

namespace TalentFlow.Runtime.Messaging;

internal sealed partial class SiloEndpoint
{
    private async Task HandleCallAsync(HttpContext context)
    {
        if (_runtime.Status is SiloStatus.Dead or SiloStatus.None or SiloStatus.Joining)
        {
            await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable,
                new WireError(WireError.Unavailable, typeof(SiloUnavailableException).FullName!, $"Silo {_runtime.LocalAddress} is {_runtime.Status}.", null, null)).ConfigureAwait(false);
            return;
        }
        InboundCall call;
        try
        {
            var body = await ReadBodyAsync(context.Request, _runtime.Options.MaxMessageSize, context.RequestAborted).ConfigureAwait(false);
            call = WireProtocol.ReadCall(body.Span, _runtime.Json);
        }
        catch (GrainMessageException ex)
        {
            int status = ex.IsTooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
            await WriteErrorAsync(context, status, WireProtocol.ToWireError(ex, status == 413 ? WireError.TooLarge : WireError.BadMessage)).ConfigureAwait(false);
            return;
        }
        catch (BadHttpRequestException ex)
        {
            await WriteErrorAsync(context, ex.StatusCode, WireProtocol.ToWireError(ex, ex.StatusCode == 413 ? WireError.TooLarge : WireError.BadMessage)).ConfigureAwait(false);
            return;
        }
        catch (GrainMethodNotFoundException ex)
        {
            await WriteErrorAsync(context, StatusCodes.Status404NotFound, WireProtocol.ToWireError(ex, WireError.NotFound)).ConfigureAwait(false);
            return;
        }
        var grainClass = _runtime.Manifest.GetClass(call.GrainId.Type);
        if (grainClass is null)
        {
            await WriteErrorAsync(context, StatusCodes.Status404NotFound, WireProtocol.ToWireError(
                new GrainMethodNotFoundException($"Silo {_runtime.LocalAddress} hosts no grain type '{call.GrainId.Type}'."), WireError.NotFound)).ConfigureAwait(false);
            return;
        }
        if (!await IsOwnerAsync(call, grainClass, context.RequestAborted).ConfigureAwait(false))
        {
            await WriteNotOwnerAsync(context).ConfigureAwait(false);
            return;
        }
        call.Request.CancellationToken = context.RequestAborted;
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                var activation = _runtime.Catalog.GetOrCreate(call.GrainId, grainClass);
                var result = await activation.InvokeAsync(call.Request, _runtime.Json,
                    static (grain, request, json) => request.InvokeSerializedAsync(grain, json)).ConfigureAwait(false);
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "application/json";
                context.Response.ContentLength = result.Length;
                await context.Response.Body.WriteAsync(result, context.RequestAborted).ConfigureAwait(false);
                return;
            }
            catch (ActivationGoneException) when (attempt == 0 && _runtime.IsLocalOwner(call.GrainId))
            {
                // Deactivated before the call ran: a fresh activation takes it.
            }
            catch (ActivationGoneException)
            {
                await WriteNotOwnerAsync(context).ConfigureAwait(false);
                return;
            }
            catch (Exception ex)
            {
                if (context.RequestAborted.IsCancellationRequested) return;
                await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, WireProtocol.ToWireError(ex, WireError.Application)).ConfigureAwait(false);
                return;
            }
        }
    }

    private async Task<bool> IsOwnerAsync(InboundCall call, GrainClassInfo grainClass, CancellationToken cancellationToken)
    {
        var local = _runtime.LocalAddress;
        if (call.Target is not null && call.Target != local) return false;
        if (grainClass.IsStatelessWorker) return true;
        if (_runtime.IsLocalOwner(call.GrainId)) return true;
        if (call.ViewVersion > _runtime.Membership.View.Version)
        {
            await _runtime.Membership.RefreshAsync(call.ViewVersion, cancellationToken).ConfigureAwait(false);
            return _runtime.IsLocalOwner(call.GrainId);
        }
        return false;
    }

    private Task WriteNotOwnerAsync(HttpContext context) =>
        WriteErrorAsync(context, WireProtocol.NotOwnerStatus, new WireError(
            WireError.NotOwner, typeof(SiloUnavailableException).FullName!, "Not the owner of this grain.", null, _runtime.Membership.View.Version));

    private static async Task WriteErrorAsync(HttpContext context, int status, WireError error)
    {
        if (context.Response.HasStarted) return;
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(error, RuntimeJsonContext.Default.WireError), context.RequestAborted).ConfigureAwait(false);
    }
}
