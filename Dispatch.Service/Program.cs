using Dispatch.Service.Hosting;

return await DispatchApp.RunAsync(args);
