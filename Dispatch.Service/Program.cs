using Dispatch.Service.Hosting;

SocketCompletions.PreferInline();
return await DispatchApp.RunAsync(args);
